export interface TokenCounts {
  /** Token requests received (every grant, refused ones included). */
  requests: number;
  /** Token requests answered with an OAuth error. */
  refused: number;
  /** Token requests being answered right now (latency makes them overlap). */
  inFlight: number;
  /** The most token requests that were ever in flight at once. */
  maxInFlight: number;
}

export interface ApiCounts {
  /** Calls to /services/data/vNN.N/… that reached the session check. */
  requests: number;
  /** Of those, answered 401 INVALID_SESSION_ID (unknown, expired or fault-ended sessions). */
  unauthorized: number;
  /** Of those, answered with another error status (limits, injected 500s, refusals). */
  failed: number;
}

export interface RequestCountsSnapshot {
  token: TokenCounts;
  api: ApiCounts;
  since: string;
}

/**
 * What the org was asked, per endpoint, so that a reliability test can hold
 * a client to a bound ("no more than N logins during a 401 storm", "never two
 * token requests at once"). Reported at GET /__emulator, reset at
 * DELETE /__emulator/requests. Unlike the API usage it counts refused calls
 * too: those are what a client in a retry loop multiplies.
 */
export class RequestCounters {
  private token: TokenCounts = { requests: 0, refused: 0, inFlight: 0, maxInFlight: 0 };
  private api: ApiCounts = { requests: 0, unauthorized: 0, failed: 0 };
  private since: number;

  constructor(private readonly clock: () => number = Date.now) {
    this.since = clock();
  }

  /** A token request arrived; call the returned function once it has been answered. */
  tokenRequest(): (refused: boolean) => void {
    this.token.requests++;
    this.token.inFlight++;
    this.token.maxInFlight = Math.max(this.token.maxInFlight, this.token.inFlight);
    let ended = false;
    return (refused) => {
      if (ended) return;
      ended = true;
      this.token.inFlight--;
      if (refused) this.token.refused++;
    };
  }

  apiCall(status: number): void {
    this.api.requests++;
    if (status === 401) this.api.unauthorized++;
    else if (status >= 400) this.api.failed++;
  }

  snapshot(): RequestCountsSnapshot {
    return { token: { ...this.token }, api: { ...this.api }, since: new Date(this.since).toISOString() };
  }

  /** Starts counting again (requests in flight stay in flight). */
  reset(): RequestCountsSnapshot {
    this.token = { requests: 0, refused: 0, inFlight: this.token.inFlight, maxInFlight: this.token.inFlight };
    this.api = { requests: 0, unauthorized: 0, failed: 0 };
    this.since = this.clock();
    return this.snapshot();
  }
}
