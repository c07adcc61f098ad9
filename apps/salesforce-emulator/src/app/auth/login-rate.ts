const HOUR_MS = 60 * 60_000;

/**
 * Salesforce's login rate limit: at most `perHour` logins per user in any
 * hour (3,600 on a real org); beyond it every token request for that user is
 * refused until the oldest login is an hour old, and Login History records
 * LOGIN_RATE_EXCEEDED. An integration that re-authenticates in a loop locks
 * its own user out this way, which is what the emulator must show a client.
 */
export class LoginRateLimiter {
  private readonly logins = new Map<string, number[]>();

  constructor(
    private readonly perHour: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts a login attempt of `userId`; false when the user is over the limit (the attempt is refused). */
  admit(userId: string): boolean {
    const now = this.clock();
    const recent = (this.logins.get(userId) ?? []).filter((at) => now - at < HOUR_MS);
    const admitted = recent.length < this.perHour;
    if (admitted) recent.push(now);
    this.logins.set(userId, recent);
    return admitted;
  }
}
