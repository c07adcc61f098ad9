import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as IoServer } from 'socket.io';

export interface SeenRequest {
  method: string;
  url: string;
  authorization: string | null;
  /** The request body (REST only; socket.io traffic is recorded as handshakes). */
  body: string;
}

export interface SeenHandshake {
  namespace: string;
  auth: Record<string, unknown>;
}

/**
 * A gateway an attacker controls, as `?gateway=` could name it: it answers
 * CORS preflights for anything (so a browser would send it whatever the
 * panel tried to), refuses every call with UNAUTHENTICATED (which would
 * make a careless panel send its refresh token), and accepts socket.io
 * handshakes on every namespace to read their `auth`. It records all of it.
 */
export class AttackerServer {
  /** Every HTTP request and WebSocket upgrade that reached it, in order. */
  readonly seen: { method: string; url: string }[] = [];
  readonly requests: SeenRequest[] = [];
  readonly handshakes: SeenHandshake[] = [];
  url = '';
  private server: Server | undefined;
  private io: IoServer | undefined;

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.requests.push({
          method: req.method ?? '',
          url: req.url ?? '',
          authorization: req.headers.authorization ?? null,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
        res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? '*');
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE');
        if (req.method === 'OPTIONS') return void res.writeHead(204).end();
        res
          .writeHead(401, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ code: 'UNAUTHENTICATED', message: 'refresh', requestId: 'evil' }));
      });
    });
    const io = new IoServer(server, { cors: { origin: true, credentials: true } });
    io.of(/.*/).use((socket, next) => {
      this.handshakes.push({ namespace: socket.nsp.name, auth: { ...socket.handshake.auth } });
      next();
    });
    // Registered after socket.io, first in line: sees socket.io's requests too.
    const note = (req: IncomingMessage) => this.seen.push({ method: req.method ?? '', url: req.url ?? '' });
    server.prependListener('request', note);
    server.prependListener('upgrade', note);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.io = io;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  /** What would let the attacker act as the agent: bearer tokens, refresh tokens, socket auth. */
  credentials(): string[] {
    return [
      ...this.requests.filter((r) => r.authorization).map((r) => `${r.method} ${r.url}: Authorization`),
      ...this.requests
        .filter((r) => /refreshToken/i.test(r.body))
        .map((r) => `${r.method} ${r.url}: ${r.body}`),
      ...this.handshakes
        .filter((h) => Object.keys(h.auth).length > 0)
        .map((h) => `socket.io ${h.namespace}: ${JSON.stringify(h.auth)}`),
    ];
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) =>
      this.io ? void this.io.close(() => resolve()) : resolve(),
    );
    this.server?.closeAllConnections();
    await closed;
  }
}
