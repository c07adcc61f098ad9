import { decorrelatedJitterGenerator, ExponentialBackoff, type IBackoff } from 'cockatiel';

/**
 * The gateway's one retry pause policy (issue 15 §10): exponential growth
 * with cockatiel's decorrelated jitter. Things that failed together (every
 * agent's dialer stream when the dialer goes away, a backlog of Salesforce
 * writes) come back spread over time instead of in lock-step.
 */
export interface BackoffPolicy {
  /** The typical first pause (draws fall between 0 and about 1.4 times it). */
  initialMs: number;
  /** The longest pause; a pause at the cap is drawn from its upper half so capped retries stay spread. */
  maxMs: number;
  /** Never sooner than this: decorrelated jitter can draw a first pause near zero. */
  floorMs: number;
}

function generatorFor(policy: BackoffPolicy): ExponentialBackoff<unknown> {
  return new ExponentialBackoff({
    generator: decorrelatedJitterGenerator,
    initialDelay: policy.initialMs,
    maxDelay: policy.maxMs,
  });
}

function bounded(duration: number, policy: BackoffPolicy): number {
  const capped = duration >= policy.maxMs ? policy.maxMs * (0.5 + Math.random() / 2) : duration;
  return Math.max(policy.floorMs, Math.round(capped));
}

/** The pause after `failures` (1 or more) failures in a row, for work that keeps its count elsewhere. */
export function pauseAfter(failures: number, policy: BackoffPolicy): number {
  // ExponentialBackoff.next() is already the first draw.
  let backoff: IBackoff<unknown> = generatorFor(policy).next();
  // Past ~20 steps every draw is the cap: no need to walk further.
  for (let i = 1; i < Math.min(failures, 20); i++) backoff = backoff.next(undefined);
  return bounded(backoff.duration, policy);
}

/** A retry loop's pauses: each `next()` is longer (jittered) until `reset()` after a success. */
export class JitteredBackoff {
  private readonly generator: ExponentialBackoff<unknown>;
  private current: IBackoff<unknown> | undefined;

  constructor(private readonly policy: BackoffPolicy) {
    this.generator = generatorFor(policy);
  }

  next(): number {
    this.current = this.current ? this.current.next(undefined) : this.generator.next();
    return bounded(this.current.duration, this.policy);
  }

  reset(): void {
    this.current = undefined;
  }
}

/**
 * Resolves after `ms`, or at once when `signal` aborts. The abort listener
 * is removed when the timer fires, so a loop that sleeps many times on one
 * long-lived signal does not pile up listeners on it.
 */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
