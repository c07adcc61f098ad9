import { ApiUsage } from './api-usage';
import { seededRandom } from '../seed/random';
import { FaultInjector, type FaultSettings } from './fault-injector';

const NONE: FaultSettings = {
  latencyMs: 0,
  errorRate: 0,
  failNextCalls: 0,
  unauthorizedRate: 0,
  unauthorizedNextCalls: 0,
  requestLimitExceeded: false,
  requestLimitAfterCalls: null,
  soslLagMs: 0,
};

describe('FaultInjector', () => {
  it('lets calls through by default', () => {
    const faults = new FaultInjector(NONE, seededRandom(1));
    expect(faults.check()).toBeNull();
  });

  it('fails the next N calls with a Salesforce 500', () => {
    const faults = new FaultInjector(NONE, seededRandom(1));
    faults.update({ failNextCalls: 2 });
    const first = faults.check();
    expect(first).toMatchObject({ status: 500, errorCode: 'UNKNOWN_EXCEPTION' });
    expect(first?.message).toMatch(/^An unexpected error occurred\. Please include this ErrorId/);
    expect(faults.check()?.status).toBe(500);
    expect(faults.check()).toBeNull();
  });

  it('answers the next N calls 401 INVALID_SESSION_ID, before any other fault', () => {
    const faults = new FaultInjector({ ...NONE, failNextCalls: 1 }, seededRandom(1));
    faults.update({ unauthorizedNextCalls: 1 });
    expect(faults.check()).toMatchObject({ status: 401, errorCode: 'INVALID_SESSION_ID' });
    expect(faults.check()?.status).toBe(500);
    expect(faults.check()).toBeNull();
  });

  it('fails about the share of calls the error rate says, the same ones for the same seed', () => {
    const run = () => {
      const faults = new FaultInjector({ ...NONE, errorRate: 0.25 }, seededRandom(42));
      return Array.from({ length: 400 }, () => faults.check() !== null);
    };
    const failures = run().filter(Boolean).length;
    expect(failures).toBeGreaterThan(70);
    expect(failures).toBeLessThan(130);
    expect(run()).toEqual(run());
  });

  it('answers REQUEST_LIMIT_EXCEEDED when switched on, or after N calls, until reset', () => {
    const faults = new FaultInjector(NONE, seededRandom(1));
    faults.update({ requestLimitAfterCalls: 2 });
    expect(faults.check()).toBeNull();
    expect(faults.check()).toBeNull();
    expect(faults.check()).toMatchObject({ status: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    expect(faults.limitForced).toBe(true);
    faults.reset();
    faults.update({ requestLimitExceeded: true });
    expect(faults.check()?.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    faults.reset();
    expect(faults.check()).toBeNull();
  });
});

describe('ApiUsage', () => {
  it('counts calls per UTC day and formats Sforce-Limit-Info', () => {
    let now = Date.UTC(2024, 0, 1, 23, 59);
    const usage = new ApiUsage(3, () => now);
    usage.count();
    usage.count();
    expect(usage.header()).toBe('api-usage=2/3');
    expect(usage.remaining).toBe(1);
    usage.count();
    expect(usage.exhausted).toBe(true);
    now += 2 * 60_000;
    expect(usage.used).toBe(0);
  });
});
