import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { type GatewayHealth, GatewayHealthSchema, SOCKET_NAMESPACES } from '@puente/contracts';
import { io, type Socket } from 'socket.io-client';
import { AppModule } from '../app.module';
import { loadGatewayConfig } from '../config/gateway.config';
import { PuenteIoAdapter } from '../realtime/puente-io.adapter';
import { UpstreamHealthService } from './upstream-health.service';

/** A stand-in upstream on a real socket that can be taken down and brought back on the same port. */
class FakeUpstream {
  private server: Server | undefined;
  port = 0;
  /** A route's body, or a function of the upstream's own URL (Salesforce names its instance URL). */
  constructor(private readonly routes: Record<string, unknown>) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const route = this.routes[req.url ?? ''];
      const body = typeof route === 'function' ? (route as (url: string) => unknown)(this.url) : route;
      res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? { error: 'not found' }));
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
}

describe('gateway health (HTTP and socket.io, against upstreams on real sockets)', () => {
  const dialer = new FakeUpstream({ '/health': { status: 'ok', service: 'dialer-emulator' } });
  // Health asks Salesforce through the gateway's session: a token, then the limits.
  const salesforce = new FakeUpstream({
    '/services/oauth2/token': (url: string) => ({ access_token: '00Dfake!token', instance_url: url }),
    '/services/data/v62.0/limits': { DailyApiRequests: { Max: 15000, Remaining: 14999 } },
  });
  let app: INestApplication;
  let base: string;
  let health: UpstreamHealthService;
  let socket: Socket;
  const received: GatewayHealth[] = [];

  async function nextHealth(predicate: (h: GatewayHealth) => boolean): Promise<GatewayHealth> {
    for (let i = 0; i < 100; i++) {
      const found = received.find(predicate);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no matching health event; got ${JSON.stringify(received)}`);
  }

  beforeAll(async () => {
    await dialer.start();
    await salesforce.start();
    const config = loadGatewayConfig({
      DIALER_URL: dialer.url,
      SALESFORCE_URL: salesforce.url,
      HEALTH_PROBE_INTERVAL_MS: '60000',
      HEALTH_PROBE_TIMEOUT_MS: '500',
      PUENTE_DATA_DIR: ':memory:',
      CONTACT_DB_URL: process.env['PUENTE_TEST_CONTACT_DB_URL'] ?? '',
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useWebSocketAdapter(new PuenteIoAdapter(app, ['*']));
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    health = app.get(UpstreamHealthService);
    await health.round();
    socket = io(`${base}${SOCKET_NAMESPACES.status}`, { transports: ['websocket'] });
    socket.on('health', (h: GatewayHealth) => received.push(GatewayHealthSchema.parse(h)));
  });

  afterAll(async () => {
    socket.close();
    await app.close();
    await dialer.stop();
    await salesforce.stop();
  });

  it('reports every upstream up over HTTP', async () => {
    const res = await fetch(`${base}/health`);
    const body = GatewayHealthSchema.parse(await res.json());
    expect(body.status).toBe('ok');
    expect(body.upstreams.map((u) => [u.name, u.status])).toEqual([
      ['dialer', 'up'],
      ['salesforce', 'up'],
      ['database', 'up'],
    ]);
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
  });

  it('sends the current health to a panel as soon as it connects', async () => {
    const first = await nextHealth(() => true);
    expect(first.status).toBe('ok');
  });

  it('pushes a change when an upstream goes down, and readiness fails while it is', async () => {
    received.length = 0;
    await dialer.stop();
    await health.round();
    const degraded = await nextHealth((h) => h.status === 'degraded');
    expect(degraded.upstreams.find((u) => u.name === 'dialer')).toMatchObject({
      status: 'down',
      // A refused connection, or (issue 15 §4 wording) the pooled keep-alive one dropped by the stop.
      error: expect.stringMatching(
        /cannot be reached|connection (refused|closed)|dropped before it answered/,
      ),
    });
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(503);
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
  });

  it('recovers by itself when the upstream is back', async () => {
    received.length = 0;
    await dialer.start();
    await health.round();
    const recovered = await nextHealth((h) => h.status === 'ok');
    expect(recovered.upstreams.every((u) => u.status === 'up')).toBe(true);
  });

  it('counts an upstream that answers with an error as down', async () => {
    const broken = new FakeUpstream({});
    await broken.start();
    const config = loadGatewayConfig({
      DIALER_URL: broken.url,
      SALESFORCE_URL: broken.url,
      PUENTE_DATA_DIR: ':memory:',
      // Nothing listens on port 9: the database counts as down, with the reason.
      CONTACT_DB_URL: 'postgres://postgres@127.0.0.1:9/postgres',
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    const other = moduleRef.createNestApplication({ logger: false });
    await other.init();
    const service = other.get(UpstreamHealthService);
    await service.round();
    expect(service.snapshot().upstreams.map((u) => u.error)).toEqual([
      'dialer health: 404',
      expect.stringMatching(/^Salesforce cannot be reached/),
      expect.stringMatching(
        /cannot open the contact-center database|ECONNREFUSED|not answering|unavailable/i,
      ),
    ]);
    await other.close();
    await broken.stop();
  });
});
