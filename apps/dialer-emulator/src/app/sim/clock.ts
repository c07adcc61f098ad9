/** A pending timer of the virtual clock; `cancel()` is safe to call twice. */
export interface ClockTimer {
  readonly at: number;
  cancel(): void;
}

interface Entry {
  at: number;
  order: number;
  fn: () => unknown;
  cancelled: boolean;
}

/**
 * Virtual time. Nothing in the dialer reads Date.now(): every delay (ringing,
 * talk time, wrap-up, pacing ticks, callbacks) is a timer on this clock, so a
 * test can run a day of traffic by advancing it, and the same seed gives the
 * same day. Timers fire in time order (ties in creation order), and each
 * callback is awaited before the next one runs, so async store calls made by
 * a timer finish before time moves on.
 */
export class VirtualClock {
  private nowMs: number;
  private order = 0;
  private readonly queue: Entry[] = [];

  constructor(startMs: number) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  iso(ms: number = this.nowMs): string {
    return new Date(ms).toISOString();
  }

  after(delayMs: number, fn: () => unknown): ClockTimer {
    const entry: Entry = { at: this.nowMs + Math.max(0, delayMs), order: this.order++, fn, cancelled: false };
    // Binary insertion keeps the queue sorted: thousands of timers in a simulated day.
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const other = this.queue[mid];
      if (other.at < entry.at || (other.at === entry.at && other.order < entry.order)) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, entry);
    return {
      at: entry.at,
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }

  /** Pending (not cancelled) timers. */
  get pending(): number {
    return this.queue.filter((e) => !e.cancelled).length;
  }

  /** Moves time forward to `targetMs`, firing every timer due on the way. */
  async advanceTo(targetMs: number): Promise<void> {
    for (;;) {
      const next = this.queue[0];
      if (!next || next.at > targetMs) break;
      this.queue.shift();
      if (next.cancelled) continue;
      this.nowMs = Math.max(this.nowMs, next.at);
      await next.fn();
    }
    this.nowMs = Math.max(this.nowMs, targetMs);
  }

  advance(ms: number): Promise<void> {
    return this.advanceTo(this.nowMs + ms);
  }
}
