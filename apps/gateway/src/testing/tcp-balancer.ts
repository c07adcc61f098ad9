import { connect, createServer, type Server, type Socket } from 'node:net';

export interface Backend {
  host: string;
  port: number;
}

/** A backend at a URL's host and port (`http://127.0.0.1:4000` → 127.0.0.1, 4000). */
export function backendOf(url: string): Backend {
  const { hostname, port } = new URL(url);
  return { host: hostname, port: Number(port) };
}

/**
 * A layer-4 load balancer on a loopback port, in front of the gateway nodes
 * as a cloud TCP balancer or nginx's stream module would be (issue 18 §3).
 * Each new connection goes to the next backend in turn; a backend that
 * refuses it (a killed node, or one stopping or not yet listening) is passed
 * over for the next one, so a dead node gets no traffic without any health
 * check. It never looks into the bytes: HTTP keep-alive and WebSocket upgrades
 * pass through, a connection stays on the node it reached, and when that node
 * goes away the client's side is closed too, which is what a panel behind a
 * real balancer sees.
 */
export class TcpBalancer {
  port = 0;
  /** Connections handed to each backend (by index), for a test's message. */
  readonly served: number[];
  private server: Server | undefined;
  private next = 0;
  private readonly open = new Set<Socket>();

  constructor(
    private readonly backends: readonly Backend[],
    private readonly host = '127.0.0.1',
  ) {
    this.served = backends.map(() => 0);
  }

  get url(): string {
    return `http://${this.host}:${this.port}`;
  }

  async start(): Promise<this> {
    const server = createServer((client) => this.route(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.host, () => resolve());
    });
    const address = server.address();
    if (typeof address === 'object' && address) this.port = address.port;
    this.server = server;
    return this;
  }

  /** Refuses new connections and drops every open one. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.open) socket.destroy();
    this.open.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private route(client: Socket): void {
    // Bytes the client sends before a backend is found wait in its buffer.
    client.pause();
    this.track(client);
    client.on('error', () => client.destroy());
    // Its turn in the rotation; on a refusal, the backends after it, each once.
    const first = this.next++;
    const attempt = (tried: number): void => {
      if (client.destroyed) return;
      // Every backend refused: the client sees a closed connection, as behind a balancer with no node left.
      if (tried === this.backends.length) return void client.destroy();
      const index = (first + tried) % this.backends.length;
      const backend = this.backends[index];
      const upstream = connect(backend.port, backend.host);
      const refused = () => {
        upstream.destroy();
        attempt(tried + 1);
      };
      upstream.once('error', refused);
      upstream.once('connect', () => {
        upstream.off('error', refused);
        upstream.on('error', () => upstream.destroy());
        this.track(upstream);
        this.served[index]++;
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    attempt(0);
  }

  private track(socket: Socket): void {
    this.open.add(socket);
    socket.once('close', () => this.open.delete(socket));
  }
}
