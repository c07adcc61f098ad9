import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP pass-through on a loopback port that can be cut, hung and restored.
 * Cutting it looks, from the gateway, exactly like the dependency going away
 * (refused connections, open streams dropped) while the dependency itself
 * keeps its state, as a real dialer or database does during a network outage.
 * Hanging it looks like a stuck dependency (a process under SIGSTOP, a
 * black-holed route): connections are accepted and kept open, but not one
 * byte moves either way until it is released.
 */
export class TcpGate {
  port = 0;
  private server: Server | undefined;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket | undefined }>();
  private hung = false;

  constructor(
    private readonly target: { host: string; port: number },
    private readonly host = '127.0.0.1',
  ) {}

  get url(): string {
    return `http://${this.host}:${this.port}`;
  }

  /** Whether it accepts connections (it does once opened, until cut). */
  get isOpen(): boolean {
    return this.server !== undefined;
  }

  /** Opens (or reopens after `cut`) on the same port. */
  async open(): Promise<this> {
    const server = createServer((client) => {
      const pair = { client, upstream: undefined as Socket | undefined };
      this.pairs.add(pair);
      client.on('error', () => client.destroy());
      client.on('close', () => {
        pair.upstream?.destroy();
        this.pairs.delete(pair);
      });
      if (this.hung) client.pause();
      else this.bridge(pair);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.host, () => resolve());
    });
    const address = server.address();
    if (typeof address === 'object' && address) this.port = address.port;
    this.server = server;
    return this;
  }

  /** Refuses new connections and drops the open ones. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream?.destroy();
    }
    this.pairs.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Stops every byte in both directions, on open and new connections alike, without closing anything. */
  hang(): void {
    this.hung = true;
    for (const { client, upstream } of this.pairs) {
      client.unpipe();
      upstream?.unpipe();
      client.pause();
      upstream?.pause();
    }
  }

  /** Lets the bytes flow again; what was held back is delivered. */
  release(): void {
    this.hung = false;
    for (const pair of this.pairs) {
      if (!pair.upstream) this.bridge(pair);
      else {
        pair.client.pipe(pair.upstream);
        pair.upstream.pipe(pair.client);
      }
    }
  }

  private bridge(pair: { client: Socket; upstream: Socket | undefined }): void {
    const upstream = connect(this.target.port, this.target.host);
    pair.upstream = upstream;
    upstream.on('error', () => upstream.destroy());
    upstream.on('close', () => pair.client.destroy());
    pair.client.pipe(upstream);
    upstream.pipe(pair.client);
    pair.client.resume();
  }
}
