import { SfApiError, sfErrors } from '../errors/sf-error';

/** What reliability tests can make the org do; changeable at run time (POST /__emulator/faults). */
export interface FaultSettings {
  /** Added to every API and OAuth call. */
  latencyMs: number;
  /** Share of API calls (0..1) answered 500 UNKNOWN_EXCEPTION. */
  errorRate: number;
  /** The next N API calls are answered 500 UNKNOWN_EXCEPTION, whatever the rate. */
  failNextCalls: number;
  /** Share of API calls (0..1) answered 401 INVALID_SESSION_ID, ending the caller's session. */
  unauthorizedRate: number;
  /** The next N API calls are answered 401 INVALID_SESSION_ID, ending the caller's session. */
  unauthorizedNextCalls: number;
  /** Every API call is answered 403 REQUEST_LIMIT_EXCEEDED. */
  requestLimitExceeded: boolean;
  /** After this many more API calls, REQUEST_LIMIT_EXCEEDED (null: off). */
  requestLimitAfterCalls: number | null;
  /** How long a saved record takes to become findable by SOSL. */
  soslLagMs: number;
}

/**
 * Decides, call by call, whether to fail and how. The random source is
 * seeded so that a given error rate fails the same calls on every run.
 */
export class FaultInjector {
  private current: FaultSettings;
  private errorCounter = 0;

  constructor(
    private readonly defaults: FaultSettings,
    private readonly random: () => number,
  ) {
    this.current = { ...defaults };
  }

  get settings(): FaultSettings {
    return { ...this.current };
  }

  update(changes: Partial<FaultSettings>): FaultSettings {
    this.current = { ...this.current, ...changes };
    return this.settings;
  }

  reset(): FaultSettings {
    this.current = { ...this.defaults };
    return this.settings;
  }

  /** The failure to answer this API call with, if any; counts the call towards the limits set. */
  check(): SfApiError | null {
    if (this.current.requestLimitAfterCalls !== null) {
      if (this.current.requestLimitAfterCalls <= 0) return sfErrors.requestLimitExceeded();
      this.current.requestLimitAfterCalls--;
    }
    if (this.current.requestLimitExceeded) return sfErrors.requestLimitExceeded();
    if (this.current.unauthorizedNextCalls > 0) {
      this.current.unauthorizedNextCalls--;
      return sfErrors.invalidSession();
    }
    if (this.current.unauthorizedRate > 0 && this.random() < this.current.unauthorizedRate)
      return sfErrors.invalidSession();
    if (this.current.failNextCalls > 0) {
      this.current.failNextCalls--;
      return this.serverError();
    }
    if (this.current.errorRate > 0 && this.random() < this.current.errorRate) return this.serverError();
    return null;
  }

  /** True when the limit set by faults is what refuses calls (limits then reports nothing remaining). */
  get limitForced(): boolean {
    return this.current.requestLimitExceeded || this.current.requestLimitAfterCalls === 0;
  }

  async delay(): Promise<void> {
    if (this.current.latencyMs > 0)
      await new Promise((resolve) => setTimeout(resolve, this.current.latencyMs));
  }

  private serverError(): SfApiError {
    this.errorCounter++;
    const id = `${String(1_000_000 + this.errorCounter)}-${String(10_000 + this.errorCounter)} (-1${String(this.errorCounter).padStart(8, '0')})`;
    return sfErrors.unknownException(id);
  }
}
