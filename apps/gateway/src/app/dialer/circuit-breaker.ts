export type BreakerState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long it stays open before one trial call is let through. */
  resetMs: number;
  now?: () => number;
}

export class CircuitOpenError extends Error {
  constructor(readonly retryInMs: number) {
    super(`circuit open; next attempt in ${Math.max(0, Math.round(retryInMs))} ms`);
    this.name = 'CircuitOpenError';
  }
}

/**
 * Classic three-state breaker. Only failures the caller classifies as
 * outages count (a refusal such as INVALID_STATE proves the upstream is up).
 * While half-open a single trial call runs; the others fail fast.
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private trialRunning = false;
  private readonly listeners = new Set<(state: BreakerState) => void>();
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.options.resetMs) return 'half_open';
    return this.current;
  }

  onChange(listener: (state: BreakerState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async run<T>(call: () => Promise<T>, isOutage: (error: unknown) => boolean): Promise<T> {
    const state = this.state;
    if (state === 'open') throw new CircuitOpenError(this.options.resetMs - (this.now() - this.openedAt));
    if (state === 'half_open') {
      if (this.trialRunning) throw new CircuitOpenError(0);
      this.trialRunning = true;
    }
    try {
      const result = await call();
      this.succeeded();
      return result;
    } catch (error) {
      if (isOutage(error)) this.failed();
      else this.succeeded();
      throw error;
    } finally {
      if (state === 'half_open') this.trialRunning = false;
    }
  }

  /** Lets a health probe report the upstream back up without waiting for a call. */
  succeeded(): void {
    this.failures = 0;
    this.set('closed');
  }

  failed(): void {
    this.failures += 1;
    if (
      this.current === 'open' ||
      this.state === 'half_open' ||
      this.failures >= this.options.failureThreshold
    ) {
      this.openedAt = this.now();
      this.set('open');
    }
  }

  private set(state: BreakerState): void {
    const before = this.current;
    this.current = state;
    if (before !== state) for (const l of this.listeners) l(state);
  }
}
