import {
  type AgentEvent,
  IVR_HEADERS,
  type IvrContactRequest,
  type AgentState,
  initialAgentState,
  reduceAgentState,
  type ResumeResult,
  type SessionResponse,
  SOCKET_NAMESPACES,
} from '@puente/contracts';
import { signedHeaders } from '@puente/server-kit';
import { io, type Socket } from 'socket.io-client';

/** The IVR key every test gateway accepts. */
export const TEST_IVR_KEY = { id: 'ivr-test', secret: 'test-ivr-secret-0123456789' } as const;

/**
 * What a test does with a running gateway, wherever it runs (in this process
 * or as its own): REST calls as the panel makes them, logins, and panels on
 * socket.io that fold what they receive with the shared reducer.
 */
export class GatewayClient {
  protected readonly sockets: Socket[] = [];

  constructor(public url = '') {}

  /** Closes every panel socket this client opened. */
  closePanels(): void {
    for (const s of this.sockets.splice(0)) s.close();
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

  /**
   * The IVR's contact insert (SPEC D1) signed with TEST_IVR_KEY, as a dialer's
   * IVR sends it; gives up after `timeoutMs` (status 0) so that a hung
   * gateway fails the test instead of freezing it. Resolves with how long the
   * answer took.
   */
  async ivrInsert(
    body: IvrContactRequest,
    timeoutMs = 30_000,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test helper: tests read whatever the endpoint answers
  ): Promise<{ status: number; body: any; ms: number }> {
    const text = JSON.stringify(body);
    const started = performance.now();
    try {
      const res = await fetch(`${this.url}/api/v1/ivr/contacts`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signedHeaders(IVR_HEADERS, TEST_IVR_KEY.id, TEST_IVR_KEY.secret, text),
        },
        body: text,
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: res.status, body: await res.json(), ms: Math.round(performance.now() - started) };
    } catch (error) {
      if ((error as Error).name !== 'TimeoutError') throw error;
      return { status: 0, body: null, ms: Math.round(performance.now() - started) };
    }
  }

  /** `where`: the panel's locale and time zone, as a browser sends them (issue 16 §2.9). */
  async login(
    user: string,
    password = 'secret',
    device = '2001',
    where: { locale?: string; timeZone?: string } = {},
  ): Promise<SessionResponse> {
    const res = await this.request('POST', '/api/v1/sessions', {
      body: { device, user, password, ...where },
      key: false,
    });
    if (res.status !== 201) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as SessionResponse;
  }

  /**
   * A panel's socket: resumes from `lastSeq` and folds what it receives with
   * the shared reducer, starting from `state` (what a reconnecting panel had
   * applied) when given. A handshake not answered within `connectTimeoutMs`
   * fails (socket.io's default is 20 s; the real panel's is
   * SOCKET_CONNECT_TIMEOUT_MS, and it tries again).
   */
  async panel(
    token: string,
    lastSeq = 0,
    agentId = '',
    state?: AgentState,
    connectTimeoutMs = 20_000,
  ): Promise<PanelClient> {
    const socket = io(`${this.url}${SOCKET_NAMESPACES.agents}`, {
      transports: ['websocket'],
      auth: { token },
      reconnection: false,
      timeout: connectTimeoutMs,
      // Its own connection, as a panel in its own browser has (not multiplexed with another panel's).
      forceNew: true,
    });
    this.sockets.push(socket);
    const client = new PanelClient(socket, agentId);
    if (state) client.state = state;
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (e) => {
        socket.close();
        reject(e);
      });
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
    // A gateway that dies before answering must fail the resume, not leave it waiting for ever.
    const result = (await this.socket.timeout(15_000).emitWithAck('resume', { lastSeq })) as ResumeResult;
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
