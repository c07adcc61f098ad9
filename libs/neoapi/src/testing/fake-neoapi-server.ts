import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  NEOAPI_BASE_PATH,
  NEOAPI_EVENTS_PATH,
  NEOAPI_METHODS,
  type NeoMethodName,
  type NeoParsedRequest,
  type NeoResponse,
} from '../lib/catalogue';
import { NeoApiError } from '../lib/errors';
import type { NeoEvent, NeoEventPayloads, NeoEventType } from '../lib/events';
import type { NeoAgent, NeoPosition } from '../lib/model';
import { formatSse } from '../lib/sse';

export interface FakeUser {
  agent: Omit<NeoAgent, 'device' | 'state' | 'stateSince'>;
  password: string;
}

interface FakeSession {
  token: string;
  agentId: string;
  device: string;
}

type Handler<M extends NeoMethodName> = (
  request: NeoParsedRequest<M>,
  session: FakeSession | null,
) => NeoResponse<M> | Promise<NeoResponse<M>>;

/**
 * A scripted stand-in for a NeoApi dialer, on a real socket, for tests of
 * NeoApi clients (the gateway's adapter). It speaks the wire format exactly
 * (validated with the contract) but does nothing by itself: tests script the
 * answers (`on`), push events (`emit`), set what Position says, and break
 * things (`stopStreams`, `setStreamEnabled`, `stop`/`start`). The faithful
 * emulator is apps/dialer-emulator; this is for precise, fast unit tests.
 */
export class FakeNeoApiServer {
  private server: Server | undefined;
  private port = 0;
  private readonly users = new Map<string, FakeUser>();
  private readonly sessions = new Map<string, FakeSession>();
  private readonly handlers = new Map<NeoMethodName, Handler<NeoMethodName>>();
  private readonly events = new Map<string, NeoEvent[]>();
  private readonly streams = new Map<string, Set<ServerResponse>>();
  private readonly positions = new Map<string, Omit<NeoPosition, 'seq'>>();
  private streamEnabled = true;
  /** Every method call received, in order. */
  readonly calls: {
    method: NeoMethodName;
    body: unknown;
    agentId: string | null;
    idempotencyKey: string | null;
  }[] = [];

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.route(req, res));
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Stops listening and drops every connection (an outage); `start()` comes back on the same port. */
  async stop(): Promise<void> {
    this.stopStreams();
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  addUser(user: FakeUser): void {
    this.users.set(user.agent.user, user);
    this.positions.set(user.agent.agentId, {
      agent: { ...user.agent, device: '', state: 'logged_out', stateSince: new Date().toISOString() },
      call: null,
      contact: null,
      monitoring: null,
      monitoredBy: null,
    });
  }

  /** Scripts the answer of a method (default: an empty success where the schema allows it). */
  on<M extends NeoMethodName>(method: M, handler: Handler<M>): void {
    this.handlers.set(method, handler as unknown as Handler<NeoMethodName>);
  }

  /** Changes what Position answers for an agent. */
  setPosition(agentId: string, change: (p: Omit<NeoPosition, 'seq'>) => Omit<NeoPosition, 'seq'>): void {
    const current = this.positions.get(agentId);
    if (!current) throw new Error(`unknown agent ${agentId}`);
    this.positions.set(agentId, change(current));
  }

  /**
   * Appends an event to the agent's stream and pushes it to open streams;
   * with `push: false` it is only recorded (Position's seq moves, a resumed
   * stream replays it), as if the push to the open stream were lost.
   */
  emit<K extends NeoEventType>(
    agentId: string,
    type: K,
    data: NeoEventPayloads[K],
    options: { push?: boolean } = {},
  ): NeoEvent<K> {
    const list = this.events.get(agentId) ?? [];
    const event = { seq: list.length + 1, agentId, at: new Date().toISOString(), type, data } as NeoEvent<K>;
    list.push(event as NeoEvent);
    this.events.set(agentId, list);
    if (options.push === false) return event;
    for (const res of this.streams.get(agentId) ?? [])
      res.write(formatSse({ id: event.seq, event: type, data: JSON.stringify(event) }));
    return event;
  }

  /** Open push streams of an agent (the gateway must hold exactly one per logged-in agent). */
  openStreams(agentId: string): number {
    return this.streams.get(agentId)?.size ?? 0;
  }

  /** Closes every open push stream (a network blip). */
  stopStreams(): void {
    for (const set of this.streams.values()) for (const res of set) res.end();
    this.streams.clear();
  }

  /** While disabled, GET /events answers 503, so clients must poll Position. */
  setStreamEnabled(enabled: boolean): void {
    this.streamEnabled = enabled;
    if (!enabled) this.stopStreams();
  }

  sessionOf(agentId: string): string | undefined {
    return [...this.sessions.values()].find((s) => s.agentId === agentId)?.token;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    try {
      if (url.pathname === '/health') return send(200, { status: 'ok', service: 'fake-dialer' });
      const session = this.session(req);
      if (url.pathname === NEOAPI_EVENTS_PATH) return this.stream(url, session, res);
      const method = url.pathname.slice(NEOAPI_BASE_PATH.length + 1) as NeoMethodName;
      const spec = NEOAPI_METHODS[method];
      if (!url.pathname.startsWith(`${NEOAPI_BASE_PATH}/`) || !spec)
        throw new NeoApiError('UNKNOWN_METHOD', `no method ${method}`);
      const body = await readBody(req);
      const parsed = spec.request.safeParse(body);
      if (!parsed.success)
        throw new NeoApiError('VALIDATION_FAILED', parsed.error.issues[0]?.message ?? 'invalid');
      if (spec.auth !== 'none' && !session) throw new NeoApiError('NOT_LOGGED_IN', 'log in first');
      const key = req.headers['idempotency-key'];
      this.calls.push({
        method,
        body: parsed.data,
        agentId: session?.agentId ?? null,
        idempotencyKey: typeof key === 'string' ? key : null,
      });
      const data = await this.answer(method, parsed.data, session);
      send(200, { ok: true, data: spec.response.parse(data) });
    } catch (error) {
      if (error instanceof NeoApiError) return send(error.status, error.toBody());
      send(500, { ok: false, error: { code: 'INTERNAL', message: String(error) } });
    }
  }

  private async answer(
    method: NeoMethodName,
    request: unknown,
    session: FakeSession | null,
  ): Promise<unknown> {
    const custom = this.handlers.get(method);
    if (custom) return custom(request as never, session);
    switch (method) {
      case 'Login':
        return this.login(request as NeoParsedRequest<'Login'>);
      case 'Logout':
        if (session) this.sessions.delete(session.token);
        return {};
      case 'Position': {
        const agentId = session?.agentId ?? '';
        return { seq: this.events.get(agentId)?.length ?? 0, ...this.positions.get(agentId) };
      }
      case 'Get_Campaigns':
        return { campaigns: [] };
      default:
        return {};
    }
  }

  private login(request: NeoParsedRequest<'Login'>): NeoResponse<'Login'> {
    const user = this.users.get(request.user);
    if (!user || user.password !== request.password)
      throw new NeoApiError('BAD_CREDENTIALS', 'wrong user or password');
    const previous = [...this.sessions.values()].find((s) => s.agentId === user.agent.agentId);
    if (previous) {
      this.sessions.delete(previous.token);
      this.emit(user.agent.agentId, 'LoggedOut', { reason: 'replaced' });
    }
    const session = { token: randomUUID(), agentId: user.agent.agentId, device: request.device };
    this.sessions.set(session.token, session);
    this.setPosition(user.agent.agentId, (p) => ({
      ...p,
      agent: { ...p.agent, device: request.device, state: 'idle' },
    }));
    const agent = this.positions.get(user.agent.agentId)?.agent;
    if (!agent) throw new Error('unreachable');
    return { token: session.token, agent, replacedDevice: previous?.device ?? null };
  }

  private stream(url: URL, session: FakeSession | null, res: ServerResponse): void {
    if (!session) throw new NeoApiError('NOT_LOGGED_IN', 'log in first');
    if (!this.streamEnabled) throw new NeoApiError('UNAVAILABLE', 'push stream disabled');
    const after = Number(url.searchParams.get('after') ?? '0');
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    res.write(': connected\n\n');
    for (const event of this.events.get(session.agentId) ?? []) {
      if (event.seq > after)
        res.write(formatSse({ id: event.seq, event: event.type, data: JSON.stringify(event) }));
    }
    const set = this.streams.get(session.agentId) ?? new Set();
    set.add(res);
    this.streams.set(session.agentId, set);
    res.on('close', () => set.delete(res));
  }

  private session(req: IncomingMessage): FakeSession | null {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    return token ? (this.sessions.get(token) ?? null) : null;
  }
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      try {
        resolve(text ? JSON.parse(text) : {});
      } catch {
        reject(new NeoApiError('VALIDATION_FAILED', 'body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}
