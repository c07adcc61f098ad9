import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  type AgentEvent,
  type AgentState,
  initialAgentState,
  reduceAgentState,
  type ResumeResult,
  type SessionResponse,
  SOCKET_NAMESPACES,
} from '@puente/contracts';
import { prepareNestService } from '@puente/server-kit';
import { io, type Socket } from 'socket.io-client';
import { AppModule } from '../app/app.module';
import { loadGatewayConfig } from '../app/config/gateway.config';
import { GATEWAY_NEST_OPTIONS, gatewayHttpOptions } from '../app/http/gateway-http';
import { PuenteIoAdapter } from '../app/realtime/puente-io.adapter';

/** The IVR key every test gateway accepts. */
export const TEST_IVR_KEY = { id: 'ivr-test', secret: 'test-ivr-secret-0123456789' } as const;

/** The shared test database (jest-global-setup.ts). */
function testContactDbUrl(): string {
  const url = process.env['PUENTE_TEST_CONTACT_DB_URL'];
  if (!url)
    throw new Error('PUENTE_TEST_CONTACT_DB_URL is not set: run the gateway tests through its jest config');
  return url;
}

export interface HarnessOptions {
  dialerUrl: string;
  salesforceUrl?: string;
  /** Reuse a state folder (gateway restart tests); a fresh temp folder otherwise. */
  dataDir?: string;
  env?: Record<string, string>;
  /** Replaces providers (e.g. the Crm port with a FakeCrm). */
  overrides?: { token: unknown; value: unknown }[];
  /** Receives the app's log records (silent when absent). */
  logger?: LoggerService;
}

/** A real gateway (Nest app on an ephemeral port) for integration tests. */
export class GatewayHarness {
  app!: INestApplication;
  url = '';
  readonly dataDir: string;
  private readonly sockets: Socket[] = [];

  constructor(private readonly options: HarnessOptions) {
    this.dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'gateway-'));
  }

  async start(): Promise<this> {
    const config = loadGatewayConfig({
      DIALER_URL: this.options.dialerUrl,
      SALESFORCE_URL: this.options.salesforceUrl ?? 'http://127.0.0.1:1',
      PUENTE_DATA_DIR: this.dataDir,
      HEALTH_PROBE_INTERVAL_MS: '60000',
      DIALER_POLL_INTERVAL_MS: '100',
      DIALER_TIMEOUT_MS: '1000',
      DIALER_BREAKER_RESET_MS: '300',
      CONTACT_DB_KIND: 'postgres',
      CONTACT_DB_URL: testContactDbUrl(),
      CONTACT_DB_POOL_MAX: '2',
      IVR_KEYS: `${TEST_IVR_KEY.id}:${TEST_IVR_KEY.secret}`,
      ...this.options.env,
    });
    let builder = Test.createTestingModule({ imports: [AppModule.forRoot(config)] });
    for (const o of this.options.overrides ?? [])
      builder = builder.overrideProvider(o.token).useValue(o.value);
    const moduleRef = await builder.compile();
    this.app = moduleRef.createNestApplication({
      ...GATEWAY_NEST_OPTIONS,
      logger: this.options.logger ?? false,
    });
    this.app.useWebSocketAdapter(new PuenteIoAdapter(this.app, ['*']));
    // The HTTP pipeline of main.ts (gateway-http.ts), so the tests see what production runs.
    await prepareNestService(this.app, gatewayHttpOptions(['*']));
    await this.app.listen(0, '127.0.0.1');
    this.url = await this.app.getUrl();
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.close();
    await this.app.close();
  }

  async request(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; key?: string | false } = {},
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test helper: tests read whatever the endpoint answers
  ): Promise<{ status: number; body: any; headers: Headers }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (method === 'POST' && options.key !== false)
      headers['idempotency-key'] = options.key ?? `test-${Math.random().toString(36).slice(2, 12)}`;
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
  }

  async login(user: string, password = 'secret', device = '2001'): Promise<SessionResponse> {
    const res = await this.request('POST', '/api/v1/sessions', {
      body: { device, user, password },
      key: false,
    });
    if (res.status !== 201) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as SessionResponse;
  }

  /** A panel's socket: resumes from `lastSeq` and folds what it receives with the shared reducer. */
  async panel(token: string, lastSeq = 0, agentId = ''): Promise<PanelClient> {
    const socket = io(`${this.url}${SOCKET_NAMESPACES.agents}`, {
      transports: ['websocket'],
      auth: { token },
      reconnection: false,
    });
    this.sockets.push(socket);
    const client = new PanelClient(socket, agentId);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (e) => reject(e));
    });
    await client.resume(lastSeq);
    return client;
  }
}

export class PanelClient {
  readonly events: AgentEvent[] = [];
  state: AgentState;
  ended: string | null = null;
  lastResume: ResumeResult | undefined;

  constructor(
    readonly socket: Socket,
    agentId: string,
  ) {
    this.state = initialAgentState(agentId);
    socket.on('event', (e: AgentEvent) => this.apply(e));
    socket.on('session.ended', (info: { reason: string }) => (this.ended = info.reason));
  }

  async resume(lastSeq: number): Promise<ResumeResult> {
    const result = (await this.socket.emitWithAck('resume', { lastSeq })) as ResumeResult;
    this.lastResume = result;
    if (result.mode === 'snapshot') this.state = result.state;
    else for (const e of result.events) this.apply(e);
    return result;
  }

  async waitFor(predicate: (e: AgentEvent) => boolean, timeoutMs = 5000): Promise<AgentEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(predicate);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no matching event; saw ${this.events.map((e) => `${e.seq}:${e.type}`).join(', ')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async waitForState(predicate: (s: AgentState) => boolean, timeoutMs = 5000): Promise<AgentState> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.state)) {
      if (Date.now() > deadline) throw new Error(`state never matched; last: ${JSON.stringify(this.state)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.state;
  }

  private apply(e: AgentEvent): void {
    if (this.state.agentId === '') this.state = { ...this.state, agentId: e.agentId };
    this.events.push(e);
    this.state = reduceAgentState(this.state, e);
  }
}
