import { Logger } from '@nestjs/common';
import {
  type CircuitBreakerPolicy,
  CircuitState,
  circuitBreaker,
  ConsecutiveBreaker,
  decorrelatedJitterGenerator,
  ExponentialBackoff,
  handleType,
  type IBackoff,
  type IBackoffFactory,
  type IHalfOpenAfterBackoffContext,
  isBrokenCircuitError,
} from 'cockatiel';
import { CrmLoginError, CrmUnavailableError } from '../crm.port';

export interface SalesforceCircuitOptions {
  /** Consecutive failed calls that open the circuit. */
  failures: number;
  /** The first pause; each failed trial call makes the next one longer, with jitter. */
  resetMs: number;
  /** The longest pause while Salesforce cannot be reached or fails. */
  maxPauseMs: number;
  /** The longest pause while Salesforce refuses the gateway's login or its fresh sessions. */
  maxLoginPauseMs: number;
}

export type CircuitName = 'closed' | 'open' | 'half_open';

/** The last thing a call to Salesforce (a real one or a health probe) ended with. */
export interface CallOutcome {
  ok: boolean;
  at: number;
  error: string | null;
}

/** A call refused without trying, because the circuit is open. */
export class CrmCircuitOpenError extends CrmUnavailableError {
  constructor(message: string) {
    super(message);
    this.name = 'CrmCircuitOpenError';
  }
}

/**
 * The gateway's circuit breaker in front of Salesforce (cockatiel). Calls
 * that fail because Salesforce cannot serve them (CrmUnavailableError, a
 * refused login included) count; a refusal of the request itself proves
 * Salesforce answered and counts as a success. After `failures` in a row it
 * opens: for a pause that grows with jitter, every call (API and token
 * request alike) fails at once without reaching Salesforce; then one trial
 * call goes through (half-open) while the others still fail at once, and its
 * outcome closes the circuit or opens it for a longer pause. Pauses stay
 * short while Salesforce is unreachable and grow much longer while it
 * refuses the gateway's sessions, so that a 401 storm never turns into a
 * login storm that locks the integration user (3,600 logins an hour).
 */
export class SalesforceCircuit {
  private readonly logger = new Logger('Salesforce');
  private readonly breaker: CircuitBreakerPolicy;
  private readonly recoveredListeners = new Set<() => void>();
  private last: CallOutcome | null = null;
  private lastError: Error | null = null;
  private openedAt = 0;
  private pauseMs = 0;

  constructor(readonly options: SalesforceCircuitOptions) {
    this.breaker = circuitBreaker(handleType(CrmUnavailableError), {
      breaker: new ConsecutiveBreaker(options.failures),
      halfOpenAfter: pauses(options, (ms) => (this.pauseMs = ms)),
    });
    this.breaker.onBreak((reason) => {
      this.openedAt = Date.now();
      if ('isolated' in reason) return;
      const error = 'error' in reason ? (reason.error as Error).message : 'failures';
      this.logger.warn({
        pauseMs: Math.round(this.pauseMs),
        error,
        msg: `Salesforce calls paused for ${seconds(this.pauseMs)} s: ${error}`,
      });
    });
    this.breaker.onReset(() => this.logger.log({ msg: 'Salesforce answers again; calls resume' }));
  }

  get state(): CircuitName {
    const state = this.breaker.state;
    if (state === CircuitState.Closed) return 'closed';
    return state === CircuitState.HalfOpen ? 'half_open' : 'open';
  }

  /** The last outcome of any call, real or probe. */
  get lastOutcome(): CallOutcome | null {
    return this.last;
  }

  /** Why calls are refused without trying right now, or null when the next call would go to Salesforce. */
  blocked(): string | null {
    const state = this.state;
    if (state === 'half_open')
      return `a trial call to Salesforce is under way (${this.last?.error ?? 'after failures'})`;
    if (state !== 'open') return null;
    const left = this.openedAt + this.pauseMs - Date.now();
    if (left <= 0) return null;
    return `Salesforce calls are paused for ${seconds(left)} s more after repeated failures (${this.last?.error ?? 'unknown'})`;
  }

  /** Calls `listener` whenever a call succeeds after failures, or the circuit closes. */
  onRecovered(listener: () => void): () => void {
    this.recoveredListeners.add(listener);
    return () => this.recoveredListeners.delete(listener);
  }

  /** Runs one call through the circuit. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    if (this.state === 'half_open') throw this.refusal();
    let outcome: { value: T } | { refused: unknown };
    try {
      outcome = await this.breaker.execute(async () => {
        try {
          return { value: await call() };
        } catch (error) {
          if (error instanceof CrmUnavailableError) throw error;
          return { refused: error };
        }
      });
    } catch (error) {
      if (isBrokenCircuitError(error)) throw this.refusal();
      this.record(false, error as Error);
      throw error;
    }
    this.record(true, null);
    if ('refused' in outcome) throw outcome.refused;
    return outcome.value;
  }

  /** Closes the circuit now (an operator's "retry now" after fixing what Salesforce refused). */
  reset(): void {
    if (this.state !== 'closed') this.breaker.isolate().dispose();
  }

  /**
   * The error of a call refused without trying. While it is the gateway's
   * login that Salesforce refuses, it stays a login error, so that agents and
   * logs keep saying an administrator must act rather than "not answering".
   */
  private refusal(): CrmUnavailableError {
    const message = this.blocked() ?? 'Salesforce calls are paused after repeated failures';
    return this.lastError instanceof CrmLoginError
      ? new CrmLoginError(`${message}; ${this.lastError.message}`)
      : new CrmCircuitOpenError(message);
  }

  private record(ok: boolean, error: Error | null): void {
    const failedBefore = this.last !== null && !this.last.ok;
    this.last = { ok, at: Date.now(), error: error ? error.message : null };
    if (error) this.lastError = error;
    // The trial call that closes the circuit is such a success too.
    if (ok && failedBefore) for (const listener of this.recoveredListeners) listener();
  }
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(1);
}

/**
 * The pauses of the circuit: one exponential back-off with decorrelated
 * jitter, capped at `maxPauseMs` while Salesforce is unreachable and at
 * `maxLoginPauseMs` while it refuses the gateway's sessions (each trial that
 * opens the circuit again decides which cap applies).
 */
function pauses(
  options: SalesforceCircuitOptions,
  onPause: (ms: number) => void,
): IBackoffFactory<IHalfOpenAfterBackoffContext> {
  const growth = new ExponentialBackoff({
    generator: decorrelatedJitterGenerator,
    initialDelay: options.resetMs,
    maxDelay: Math.max(options.maxPauseMs, options.maxLoginPauseMs),
  });
  const pause = (
    inner: IBackoff<unknown>,
    context: IHalfOpenAfterBackoffContext,
  ): IBackoff<IHalfOpenAfterBackoffContext> => {
    const refused = 'error' in context.result && context.result.error instanceof CrmLoginError;
    const cap = refused ? options.maxLoginPauseMs : options.maxPauseMs;
    // Decorrelated jitter can draw a first pause near zero: never less than half the configured one.
    const duration = Math.min(cap, Math.max(options.resetMs / 2, inner.duration));
    onPause(duration);
    return { duration, next: (next) => pause(inner.next(next), next) };
  };
  return { next: (context) => pause(growth.next(), context) };
}
