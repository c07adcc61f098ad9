import { AsyncLocalStorage } from 'node:async_hooks';
import type { HttpRequest, HttpRequestOptions, HttpResponse, StreamPromise } from 'jsforce';
import { Transport } from 'jsforce/lib/transport';
import { CrmUnavailableError } from '../crm.port';

/** One Salesforce call as its caller sees it: when the caller stops waiting, and what was sent for it. */
export interface CallScope {
  /** Epoch ms at which the caller gives up; no request of the call may outlive it. */
  readonly deadline: number;
  /** Aborted once the caller has its answer or has given up: nothing more may be sent for it. */
  readonly signal: AbortSignal;
  /** HTTP methods sent so far (a call that only read may be tried again). */
  readonly methods: string[];
}

const scopes = new AsyncLocalStorage<CallScope>();

/** Runs `work` as the call `scope`: every HTTP request it makes, however deep in jsforce, is bounded by it. */
export function inScope<T>(scope: CallScope, work: () => Promise<T>): Promise<T> {
  return scopes.run(scope, work);
}

export function currentScope(): CallScope | undefined {
  return scopes.getStore();
}

/**
 * jsforce's HTTP transport with its two hidden loops taken out. Its fetch
 * layer retries a GET answered 5xx/429 or a refused connection up to five
 * times (0.5 s to 8 s apart, without jitter) and gives a request 30 minutes;
 * a caller's time-out then stops waiting but not the request. Here no
 * request is retried (the gateway's retry policy decides, with jitter), each
 * request is aborted at its call's deadline, and none starts once its call
 * is over.
 */
export class BoundedTransport extends Transport {
  constructor(private readonly fallbackTimeoutMs: number) {
    super();
  }

  override httpRequest(req: HttpRequest, options: HttpRequestOptions = {}): StreamPromise<HttpResponse> {
    const scope = scopes.getStore();
    if (scope?.signal.aborted)
      throw new CrmUnavailableError('the Salesforce call is over; its caller no longer waits for it');
    scope?.methods.push(req.method.toUpperCase());
    const timeout = scope ? Math.max(1, scope.deadline - Date.now()) : this.fallbackTimeoutMs;
    return super.httpRequest(req, { ...options, timeout, retry: { ...options.retry, methods: [] } });
  }
}

/** `work`, or the signal's reason as soon as it is aborted (the work itself goes on, bounded by its scope). */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason as Error);
    if (signal.aborted) abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
