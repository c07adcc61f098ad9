import { FailureTiming } from './failure-timing';

describe('FailureTiming', () => {
  const held = async (timing: FailureTiming, startedAt = performance.now()) => {
    await timing.hold(startedAt);
    return performance.now() - startedAt;
  };

  it('holds a refusal until the floor, counted from the request', async () => {
    const timing = new FailureTiming(120);
    expect(await held(timing)).toBeGreaterThanOrEqual(115);
    expect(await held(timing, performance.now() - 200)).toBeLessThan(200 + 30);
  });

  it('holds at least as long as the slowest login of the last ten minutes', async () => {
    let now = 0;
    const timing = new FailureTiming(0, () => now);
    timing.observe(5);
    timing.observe(150);
    timing.observe(5);
    const started = performance.now();
    await timing.hold(now - 100);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    now += 10 * 60_000 + 1;
    timing.observe(5);
    const later = performance.now();
    await timing.hold(now);
    expect(performance.now() - later).toBeLessThan(40);
  });
});
