import { CircuitBreaker, CircuitOpenError } from './circuit-breaker';

describe('CircuitBreaker', () => {
  let now = 0;
  const outage = new Error('down');
  const refusal = new Error('no');
  const isOutage = (e: unknown) => e === outage;
  const breaker = () => new CircuitBreaker({ failureThreshold: 3, resetMs: 1000, now: () => now });
  const fail = (b: CircuitBreaker, e = outage) =>
    b.run(() => Promise.reject(e), isOutage).catch((x: unknown) => x);

  beforeEach(() => (now = 0));

  it('opens after consecutive outages, then fails fast without calling', async () => {
    const b = breaker();
    const states: string[] = [];
    b.onChange((s) => states.push(s));
    for (let i = 0; i < 3; i++) await fail(b);
    expect(b.state).toBe('open');
    const call = jest.fn();
    await expect(b.run(call, isOutage)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(call).not.toHaveBeenCalled();
    expect(states).toEqual(['open']);
  });

  it('does not count refusals as outages', async () => {
    const b = breaker();
    for (let i = 0; i < 5; i++) await fail(b, refusal);
    expect(b.state).toBe('closed');
  });

  it('lets one trial through after the reset time and closes on success', async () => {
    const b = breaker();
    for (let i = 0; i < 3; i++) await fail(b);
    now = 1000;
    expect(b.state).toBe('half_open');
    let release: (v: string) => void = () => undefined;
    const trial = b.run(() => new Promise<string>((r) => (release = r)), isOutage);
    await expect(b.run(() => Promise.resolve('x'), isOutage)).rejects.toBeInstanceOf(CircuitOpenError);
    release('ok');
    await expect(trial).resolves.toBe('ok');
    expect(b.state).toBe('closed');
  });

  it('re-opens when the trial fails', async () => {
    const b = breaker();
    for (let i = 0; i < 3; i++) await fail(b);
    now = 1500;
    await fail(b);
    expect(b.state).toBe('open');
    now = 2000;
    expect(b.state).toBe('open');
    now = 2500;
    expect(b.state).toBe('half_open');
  });
});
