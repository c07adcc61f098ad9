const WINDOW_MS = 10 * 60_000;
const MAX_SAMPLES = 1000;

/**
 * How long a wrong password takes to be answered (issue 14 §5). A dialer
 * may refuse an unknown user at once and a known one only after hashing the
 * password: every refusal is held until at least `minMs` after the request,
 * and at least as long as the slowest login the dialer answered in the last
 * ten minutes, so the time of a refusal does not tell which names exist.
 * The floor is what protects the first comparison; the slowest recent answer
 * covers a dialer that became slower than the floor.
 */
export class FailureTiming {
  private readonly samples: { at: number; ms: number }[] = [];

  constructor(
    private readonly minMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A login the dialer answered (accepted or refused), taking `ms`. */
  observe(ms: number): void {
    const at = this.now();
    this.samples.push({ at, ms });
    while (this.samples.length > MAX_SAMPLES || (this.samples[0] && this.samples[0].at < at - WINDOW_MS))
      this.samples.shift();
  }

  /** Resolves when a refusal of the request started at `startedAt` may be answered. */
  async hold(startedAt: number): Promise<void> {
    const floor = Math.max(this.minMs, ...this.samples.map((s) => s.ms));
    const wait = startedAt + floor - this.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
