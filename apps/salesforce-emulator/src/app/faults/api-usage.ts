/**
 * The org's DailyApiRequests allowance: every authenticated REST call counts
 * (a composite request counts once). The count starts again each UTC day.
 * Reported by GET /limits and on every response as
 * `Sforce-Limit-Info: api-usage=used/max`.
 */
export class ApiUsage {
  private usedToday = 0;
  private day: string;

  constructor(
    readonly max: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.day = this.today();
  }

  count(): void {
    this.roll();
    this.usedToday++;
  }

  get used(): number {
    this.roll();
    return this.usedToday;
  }

  get remaining(): number {
    return Math.max(0, this.max - this.used);
  }

  get exhausted(): boolean {
    return this.used >= this.max;
  }

  header(): string {
    return `api-usage=${this.used}/${this.max}`;
  }

  private today(): string {
    return new Date(this.clock()).toISOString().slice(0, 10);
  }

  private roll(): void {
    const today = this.today();
    if (today !== this.day) {
      this.day = today;
      this.usedToday = 0;
    }
  }
}
