import { getEventListeners } from 'node:events';
import type { Logger } from '@nestjs/common';
import { NeoApiError, type StreamFrom } from '@puente/neoapi';
import { of } from 'rxjs';
import type { NeoApiLink } from '../dialer/neoapi/neoapi-connection';
import { NeoApiDialerAdapter } from '../dialer/neoapi/neoapi-dialer.adapter';
import type { MetricsService } from '../metrics/metrics.service';
import type { AgentStreams } from './agent-streams.service';
import { DialerSubscription } from './dialer-subscription';

/**
 * A NeoApi wire (the real adapter above it) that can go away: while `down`,
 * every call and every stream
 * attempt is refused at once; while up, a stream stays open (and quiet) until
 * the dialer goes down or its subscription stops. Records when each stream
 * attempt was made and keeps every subscription's abort signal.
 */
class OutageDialer implements Pick<NeoApiLink, 'follow' | 'status' | 'health'> {
  down = false;
  readonly attempts: number[] = [];
  /** The first stream attempt of each agent after `since` (by dialer token). */
  readonly firstAfter = new Map<string, number>();
  since = Infinity;
  readonly signals = new Set<AbortSignal>();
  private readonly open = new Set<() => void>();
  readonly status = of<'up' | 'down'>('up');

  async call(): Promise<never> {
    throw new NeoApiError(this.down ? 'UNAVAILABLE' : 'INTERNAL', 'not in this test');
  }

  async health(): Promise<void> {
    if (this.down) throw new NeoApiError('UNAVAILABLE', 'down');
  }

  goDown(): void {
    this.down = true;
    for (const drop of this.open) drop();
    this.open.clear();
  }

  /** A stream that carries no event: it only ends (refused, or dropped by the outage). */
  async follow(token: string, from: StreamFrom): Promise<void> {
    if (Date.now() >= this.since && !this.firstAfter.has(token)) this.firstAfter.set(token, Date.now());
    await this.openStream(from.signal);
  }

  private async openStream(signal: AbortSignal): Promise<void> {
    this.signals.add(signal);
    this.attempts.push(Date.now());
    if (this.down) throw new NeoApiError('UNAVAILABLE', 'connection refused');
    await new Promise<void>((resolve) => {
      const end = () => {
        signal.removeEventListener('abort', end);
        this.open.delete(end);
        resolve();
      };
      this.open.add(end);
      signal.addEventListener('abort', end);
    });
    if (this.down) throw new NeoApiError('UNAVAILABLE', 'connection reset');
  }
}

const SUBSCRIPTIONS = 1000;
const OUTAGE_MS = 10_000;
const WINDOW_MS = 50;

/** How many attempts fell in each WINDOW_MS window after `from`. */
function windows(times: readonly number[], from: number): number[] {
  const counts: number[] = [];
  for (const t of times) {
    const i = Math.floor((t - from) / WINDOW_MS);
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return Array.from(counts, (n) => n ?? 0);
}

describe('dialer subscriptions across a dialer outage (issue 15 §10)', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('1,000 agents retry spread in time, not in lock-step, and keep one abort listener each', async () => {
    const dialer = new OutageDialer();
    const streams = {
      dialerSeq: () => 0,
      dialerCursor: () => ({ seq: 0, epoch: null, instanceId: null }),
      state: () => {
        throw new Error('no Position in this test');
      },
      append: () => [],
    } as unknown as AgentStreams;
    const deps = {
      dialer: new NeoApiDialerAdapter(dialer as unknown as NeoApiLink),
      streams,
      metrics: { subscriptions: { inc: () => undefined, dec: () => undefined } } as unknown as MetricsService,
      logger: { warn: () => undefined, debug: () => undefined } as unknown as Logger,
      pollIntervalMs: 1000,
      onSessionGone: () => undefined,
    };
    const subscriptions = Array.from(
      { length: SUBSCRIPTIONS },
      (_, i) => new DialerSubscription(`a${i}`, `t${i}`, deps),
    );
    for (const s of subscriptions) s.start();
    await jest.advanceTimersByTimeAsync(10);
    expect(dialer.attempts).toHaveLength(SUBSCRIPTIONS);

    const outageStart = Date.now();
    dialer.attempts.length = 0;
    dialer.since = outageStart;
    dialer.goDown();
    let mostListeners = 0;
    for (let t = 0; t < OUTAGE_MS; t += 100) {
      await jest.advanceTimersByTimeAsync(100);
      for (const signal of dialer.signals)
        mostListeners = Math.max(mostListeners, getEventListeners(signal, 'abort').length);
    }
    const duringOutage = [...dialer.attempts];
    dialer.down = false;
    dialer.attempts.length = 0;
    const recovery = Date.now();
    await jest.advanceTimersByTimeAsync(2000);
    const reconnects = [...dialer.attempts];

    const outage = windows(duringOutage, outageStart);
    const back = windows(reconnects, recovery);
    const firstRetries = windows([...dialer.firstAfter.values()], outageStart);
    console.log(
      [
        `${SUBSCRIPTIONS} subscriptions, ${OUTAGE_MS} ms outage, ${WINDOW_MS} ms windows:`,
        `  first retry of each agent after the outage began, per window: ${firstRetries.join(' ')}`,
        `  every attempt during the outage: ${duringOutage.length}, busiest window ${Math.max(...outage)}`,
        `  reconnects after recovery: ${reconnects.length} in ${back.length * WINDOW_MS} ms, busiest window ${Math.max(...back)}`,
        `  most abort listeners on one subscription's signal: ${mostListeners}`,
      ].join('\n'),
    );

    // Not lock-step (where one window holds every agent): when the outage begins and when it
    // ends, no 50 ms window holds more than 15% of the agents; nor, over the whole outage,
    // more than 20% (with 1,000 agents retrying about once a second, ~7% is the floor).
    expect(dialer.firstAfter.size).toBe(SUBSCRIPTIONS);
    expect(Math.max(...firstRetries)).toBeLessThanOrEqual(SUBSCRIPTIONS * 0.15);
    expect(Math.max(...back)).toBeLessThanOrEqual(SUBSCRIPTIONS * 0.15);
    expect(Math.max(...outage)).toBeLessThanOrEqual(SUBSCRIPTIONS * 0.2);
    // Every agent's stream came back within the capped pause.
    expect(new Set(reconnects).size).toBeGreaterThan(1);
    expect(reconnects).toHaveLength(SUBSCRIPTIONS);
    // Bounded listeners: a sleeping subscription holds one, however many times it retried.
    expect(mostListeners).toBeLessThanOrEqual(1);

    for (const s of subscriptions) s.stop();
    await jest.advanceTimersByTimeAsync(10);
    expect(Math.max(...[...dialer.signals].map((s) => getEventListeners(s, 'abort').length))).toBe(0);
  });
});
