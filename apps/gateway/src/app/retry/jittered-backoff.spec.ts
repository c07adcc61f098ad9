import { getEventListeners } from 'node:events';
import { abortableSleep, JitteredBackoff, pauseAfter } from './jittered-backoff';

const POLICY = { initialMs: 500, maxMs: 5000, floorMs: 50 };

describe('the gateway retry policy (issue 15 §10)', () => {
  it('draws spread first pauses, grows, and spreads pauses at the cap over its upper half', () => {
    const first = Array.from({ length: 500 }, () => pauseAfter(1, POLICY));
    expect(Math.min(...first)).toBeGreaterThanOrEqual(POLICY.floorMs);
    expect(Math.max(...first)).toBeLessThan(POLICY.initialMs * 1.5);
    expect(new Set(first).size).toBeGreaterThan(100);
    const late = Array.from({ length: 500 }, () => pauseAfter(30, POLICY));
    expect(Math.min(...late)).toBeGreaterThanOrEqual(POLICY.maxMs / 2);
    expect(Math.max(...late)).toBeLessThanOrEqual(POLICY.maxMs);
    expect(new Set(late).size).toBeGreaterThan(100);
  });

  it('a loop grows its pauses until reset, then starts small again', () => {
    const backoff = new JitteredBackoff(POLICY);
    const pauses = Array.from({ length: 12 }, () => backoff.next());
    expect(pauses.slice(-3).every((p) => p >= POLICY.maxMs / 2)).toBe(true);
    backoff.reset();
    expect(backoff.next()).toBeLessThan(POLICY.initialMs * 1.5);
  });

  it('a sleep leaves no abort listener behind, whether its timer fires or the signal aborts', async () => {
    const controller = new AbortController();
    for (let i = 0; i < 20; i++) await abortableSleep(1, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    const sleeping = abortableSleep(60_000, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort();
    await sleeping;
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    await abortableSleep(60_000, controller.signal);
  });
});
