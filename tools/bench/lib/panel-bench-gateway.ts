import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AgentEvent,
  type AgentEventPayloads,
  type AgentEventType,
  IDEMPOTENCY_HEADER,
} from '@puente/contracts';
import { Server as IoServer } from 'socket.io';

export const BENCH_AGENT = 'bench-agent';

/**
 * Just enough of the gateway's REST routes and `/agents` protocol for the
 * panel to log in and fold events, so the panel bench can send event bursts
 * at known instants: the real gateway's own cost is the `events` suite's
 * subject, and here it would only add noise to the panel's figures.
 */
export class PanelBenchGateway {
  url = '';
  private seq = 0;
  private readonly log: AgentEvent[] = [];
  private server: Server | undefined;
  private io: IoServer | undefined;

  /** Listens on `at` (a URL on the served panel's list of gateways) or, without one, on any free port. */
  async start(at?: string): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    const io = new IoServer(server, { cors: { origin: true, credentials: true }, transports: ['websocket'] });
    io.of('/status').on('connection', (socket) => socket.emit('health', health()));
    io.of('/agents').on('connection', (socket) => {
      void socket.join(BENCH_AGENT);
      // The panel resumes from its last seq (0 after login) and treats a gap as a reason to resume again.
      socket.on('resume', (request: { lastSeq?: number }, ack: (result: unknown) => void) =>
        ack({ mode: 'replay', events: this.log.filter((e) => e.seq > (request?.lastSeq ?? 0)) }),
      );
    });
    const port = at ? Number(new URL(at).port) : 0;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.server = server;
    this.io = io;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.io ? void this.io.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }

  /** Number of panels connected to the agent's room. */
  async panels(): Promise<number> {
    return (await this.io?.of('/agents').in(BENCH_AGENT).fetchSockets())?.length ?? 0;
  }

  emit<K extends AgentEventType>(type: K, payload: AgentEventPayloads[K]): void {
    const event = {
      seq: ++this.seq,
      type,
      at: new Date().toISOString(),
      agentId: BENCH_AGENT,
      payload,
    } as AgentEvent;
    this.log.push(event);
    this.io?.of('/agents').to(BENCH_AGENT).emit('event', event);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
    res.setHeader('Access-Control-Allow-Headers', `Authorization, Content-Type, ${IDEMPOTENCY_HEADER}`);
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? '').replace(/^\/api\/v1/, '').split('?')[0];
    const body = this.route(req.method ?? 'GET', path, Buffer.concat(chunks).toString('utf8'));
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  }

  private route(method: string, path: string, text: string): unknown {
    if (method === 'POST' && path === '/sessions') {
      const login = JSON.parse(text || '{}') as { user?: string; device?: string };
      const agent = {
        user: String(login.user),
        device: String(login.device),
        displayName: 'Bench Agent',
        email: null,
        roles: ['agent' as const],
      };
      this.emit('agent.logged_in', agent);
      return {
        sessionId: 'bench',
        accessToken: 'bench-token',
        expiresIn: 3600,
        refreshToken: 'bench-refresh',
        agent: { agentId: BENCH_AGENT, ...agent },
      };
    }
    if (method === 'GET' && path === '/config')
      return {
        allowCategorization: true,
        allowContactRelease: true,
        automaticContactRelease: -1,
        allowClickToDialSearch: true,
        useTaskDescriptionField: false,
        allowTextMessage: false,
        softphoneWidth: 380,
        softphoneHeight: 600,
        source: { callCenter: 'gateway', softphoneLayout: 'gateway', callCenterName: null, problems: [] },
      };
    if (method === 'GET' && path === '/me/settings')
      return { width: 380, height: 600, autoMinimize: false, locale: null };
    // Look-ups the panel loads in the background: empty lists are enough here.
    return method === 'GET' ? { items: [] } : { accepted: true };
  }
}

function health() {
  const up = (name: string) => ({
    name,
    status: 'up',
    latencyMs: 1,
    checkedAt: new Date().toISOString(),
    error: null,
  });
  return {
    status: 'ok',
    service: 'gateway',
    version: 'bench',
    uptimeSeconds: 1,
    upstreams: [up('dialer'), up('salesforce'), up('database')],
  };
}
