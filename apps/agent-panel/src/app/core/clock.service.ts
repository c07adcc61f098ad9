import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';

const SAMPLES = 10;

/**
 * The one ticking signal of the panel: every timer (time in state, call,
 * hold, automatic release) derives from `now`, so there is a single
 * 1-second interval however many timers are on screen.
 *
 * Timestamps come from the gateway's clock; `observeServerTime` estimates the
 * difference from live events (network delay only makes an event look older,
 * so the largest recent offset is the best estimate).
 */
@Injectable({ providedIn: 'root' })
export class Clock {
  private readonly tick = signal(Date.now());
  private readonly offset = signal(0);
  private readonly samples: number[] = [];

  /** Milliseconds, on the gateway's clock, refreshed every second. */
  readonly now = computed(() => this.tick() + this.offset());

  constructor() {
    const id = setInterval(() => this.tick.set(Date.now()), 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(id));
  }

  /** A live event stamped `at` by the gateway has just arrived. */
  observeServerTime(at: string): void {
    const sample = Date.parse(at) - Date.now();
    if (Number.isNaN(sample)) return;
    this.samples.push(sample);
    if (this.samples.length > SAMPLES) this.samples.shift();
    const best = Math.max(...this.samples);
    // Ignore sub-second noise: a timer should not jump by one because of jitter.
    this.offset.set(Math.abs(best) < 1000 ? 0 : best);
    this.tick.set(Date.now());
  }
}
