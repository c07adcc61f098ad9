import { EventEmitter, on } from 'node:events';
import type { IncomingMessage } from 'node:http';
import {
  type NeoMethodName,
  NEOAPI_BASE_PATH,
  NEOAPI_EVENTS_PATH,
  NEOAPI_METHODS,
  type NeoRequest,
  type NeoResponse,
} from './catalogue';
import { NeoApiError, NeoErrorBodySchema } from './errors';
import { type NeoEvent, NeoEventSchema } from './events';
import { followEventStream, openEventStream } from './event-stream';
import { AnswerCutOff, type OutgoingCall, readWhole, type SendCall, sendOverHttp } from './http-exchange';

export interface NeoApiClientOptions {
  /** Where the webservice lives, e.g. http://127.0.0.1:7001 (no trailing slash). */
  baseUrl: string;
  /** Per-call time-out; a call that takes longer fails with TIMEOUT. */
  timeoutMs?: number;
  /** How a method call travels (node:http by default); a test may wrap it to watch the calls. */
  send?: SendCall;
}

/** Where an agent's push stream starts, and what ends it. */
export interface StreamFrom {
  /** The last seq the caller saw. */
  after: number;
  /** The dialer run `after` counts in, when known. */
  epoch?: string;
  signal: AbortSignal;
}

export interface CallOptions {
  token?: string;
  /**
   * Forwarded as the `Idempotency-Key` header: a dialer that honours it
   * (docs/neoapi.md) acts once per key, even when a time-out made the caller
   * retry a request that had in fact arrived.
   */
  idempotencyKey?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Typed HTTP client of the dialer webservice. Requests are checked against the
 * contract before they leave, answers after they arrive; every failure becomes
 * a NeoApiError with a stable code: UNAVAILABLE when the request never reached
 * the dialer (it did not act), TIMEOUT when it left and no whole answer came
 * back (it may have acted: retry with the same idempotency key).
 */
export class NeoApiClient {
  private readonly send: SendCall;
  private readonly timeoutMs: number;

  constructor(private readonly options: NeoApiClientOptions) {
    this.send = options.send ?? sendOverHttp;
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async call<M extends NeoMethodName>(
    method: M,
    request: NeoRequest<M>,
    options: CallOptions = {},
  ): Promise<NeoResponse<M>> {
    const spec = NEOAPI_METHODS[method];
    const parsed = spec.request.safeParse(request);
    if (!parsed.success) {
      throw new NeoApiError(
        'VALIDATION_FAILED',
        `${method}: ${parsed.error.issues[0]?.path.join('.') || 'request'} ${parsed.error.issues[0]?.message ?? 'is invalid'}`,
      );
    }
    const { status, body } = await this.exchange(
      `${NEOAPI_BASE_PATH}/${method}`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
        },
        body: JSON.stringify(parsed.data),
      },
      options,
      method,
    );
    if (!isOk(status)) throw toError(body, status, method);
    const envelope = body as { ok?: unknown; data?: unknown };
    if (envelope.ok !== true)
      throw new NeoApiError('INTERNAL', `${method}: the dialer answered without an ok envelope`);
    const result = spec.response.safeParse(envelope.data);
    if (!result.success) {
      throw new NeoApiError(
        'INTERNAL',
        `${method}: unexpected answer from the dialer (${result.error.issues[0]?.path.join('.')}: ${result.error.issues[0]?.message})`,
      );
    }
    return result.data as NeoResponse<M>;
  }

  /** GET /health: resolves when the dialer says it is ok. */
  async health(options: CallOptions = {}): Promise<void> {
    const answer = await this.exchange(
      '/health',
      { method: 'GET', headers: { accept: 'application/json' } },
      options,
      'health',
    );
    const { status } = answer.body as { status?: string };
    if (!isOk(answer.status) || status !== 'ok')
      throw new NeoApiError('UNAVAILABLE', `dialer health: ${status ?? answer.status}`);
  }

  /**
   * The agent's push stream, from the event after `after`, each event handed
   * to `onEvent` as it arrives. Resolves when the connection closes, rejects
   * when it fails, when `signal` aborts (no event is handed over after that)
   * or with what `onEvent` threw; the caller resumes with the last seq it
   * saw. A Resync event means the gap was too old to replay, or `epoch` (the
   * run of the dialer `after` counts in) is not the dialer's current one: it
   * restarted, and its seqs began again.
   */
  async follow(token: string, from: StreamFrom, onEvent: (event: NeoEvent) => void): Promise<void> {
    const { after, epoch, signal } = from;
    const query = epoch ? `after=${after}&epoch=${encodeURIComponent(epoch)}` : `after=${after}`;
    const path = `${NEOAPI_EVENTS_PATH}?${query}`;
    let res: IncomingMessage;
    try {
      res = await openEventStream(
        `${this.options.baseUrl}${path}`,
        { accept: 'text/event-stream', authorization: `Bearer ${token}` },
        signal,
      );
    } catch (error) {
      throw connectionFailure(error, path);
    }
    const status = res.statusCode ?? 0;
    if (!isOk(status)) {
      const text = await readWhole(res).catch(() => '');
      res.destroy();
      throw toError(parseOrEmpty(text), status, 'events');
    }
    // Returned, not awaited: this frame need not stay suspended for the whole shift.
    return followEventStream(res, signal, (message) => {
      const parsed = NeoEventSchema.safeParse(JSON.parse(message.data));
      if (parsed.success) onEvent(parsed.data);
    });
  }

  /**
   * `follow` as an async iterable, for scripts and tests: the gateway, which
   * follows one stream per logged-in agent, uses `follow` (see SseParser).
   * Breaking off the loop closes the connection.
   */
  async *events(token: string, after: number, signal: AbortSignal, epoch?: string): AsyncGenerator<NeoEvent> {
    const arrived = new EventEmitter();
    const stop = new AbortController();
    const following = this.follow(
      token,
      { after, epoch, signal: AbortSignal.any([signal, stop.signal]) },
      (event) => arrived.emit('event', event),
    ).then(
      () => arrived.emit('end'),
      // Once the loop below has ended nobody listens, and an unheard 'error' would throw.
      (error: unknown) => arrived.listenerCount('error') > 0 && arrived.emit('error', error),
    );
    try {
      for await (const [event] of on(arrived, 'event', { close: ['end'] })) yield event as NeoEvent;
    } finally {
      stop.abort();
      await following;
    }
  }

  /**
   * One request and its JSON answer, within the time-out. The timer is
   * cleared once the answer is read: AbortSignal.timeout's would fire
   * later for every request and build an unused DOMException each time
   * (thousands at once after a shift's logins: a CPU burst, issue 18 §3).
   */
  private async exchange(
    path: string,
    call: Omit<OutgoingCall, 'signal'>,
    options: CallOptions,
    what: string,
  ): Promise<{ status: number; body: unknown }> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const deadline = new AbortController();
    const timer = timeoutMs > 0 ? setTimeout(() => deadline.abort(), timeoutMs) : undefined;
    const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
    try {
      let answer: { status: number; text: string };
      try {
        answer = await this.send(`${this.options.baseUrl}${path}`, { ...call, signal });
      } catch (error) {
        // The caller's own abort stays the AbortError it is; the deadline's is a time-out.
        if (options.signal?.aborted) throw error;
        if (deadline.signal.aborted)
          throw new NeoApiError('TIMEOUT', `the dialer did not answer ${path} within ${timeoutMs} ms`);
        if (error instanceof AnswerCutOff)
          // The dialer began answering, so it saw the request: what it did is unknown.
          throw new NeoApiError('TIMEOUT', `${what}: the dialer's answer did not arrive whole`);
        throw connectionFailure(error, path);
      }
      return { status: answer.status, body: parseAnswer(answer, what) };
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * A request that got no answer, as a NeoApiError: UNAVAILABLE when it never
 * left (the dialer did not act), TIMEOUT when it may have arrived; an abort
 * by the caller stays the AbortError it is. Reads node:http's errors (the
 * code on the error).
 */
function connectionFailure(error: unknown, path: string): unknown {
  if ((error as { name?: string }).name === 'AbortError') return error;
  const code = (error as { code?: string }).code;
  // Only a connection that never opened proves the dialer did not see the request; one
  // dropped after it left (reset, closed mid-answer) leaves its outcome unknown.
  if (code === undefined || NOT_SENT.has(code))
    return new NeoApiError(
      'UNAVAILABLE',
      `the dialer cannot be reached (${code ?? (error as Error).message})`,
    );
  return new NeoApiError(
    'TIMEOUT',
    `the connection to the dialer dropped before it answered ${path} (${code ?? (error as Error).message})`,
  );
}

/**
 * Connection errors raised before a byte of the request left: the dialer
 * cannot have acted. Anything else after the request began may have reached it.
 */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
]);

function isOk(status: number): boolean {
  return status >= 200 && status < 300;
}

function parseAnswer({ status, text }: { status: number; text: string }, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new NeoApiError(nonJsonCode(status), `${what}: the dialer answered HTTP ${status} without JSON`);
  }
}

function parseOrEmpty(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

function toError(body: unknown, status: number, what: string): NeoApiError {
  const parsed = NeoErrorBodySchema.safeParse(body);
  if (parsed.success)
    return new NeoApiError(parsed.data.error.code, parsed.data.error.message, parsed.data.error.details);
  return new NeoApiError(nonJsonCode(status), `${what}: the dialer answered HTTP ${status}`);
}

/**
 * A proxy's own answer in front of the dialer: 504 says the dialer got the
 * request and did not answer in time (outcome unknown); other 5xx say it
 * could not be asked.
 */
function nonJsonCode(status: number): 'TIMEOUT' | 'UNAVAILABLE' | 'INTERNAL' {
  if (status === 504) return 'TIMEOUT';
  return status >= 500 || status === 0 ? 'UNAVAILABLE' : 'INTERNAL';
}
