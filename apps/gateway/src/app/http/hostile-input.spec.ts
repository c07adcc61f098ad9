import {
  type HostileTarget,
  hostileRequests,
  rawHttp,
  requestTargets,
  stillServing,
  tryHostile,
} from '@puente/server-kit/testing';
import fc from 'fast-check';
import { CapturedLogs } from '../../testing/captured-logs';
import { freePort } from '../../testing/emulator-process';
import { GatewayHarness } from '../../testing/gateway-harness';

/**
 * Issue 14 §3: no request crashes or wedges the gateway, through Express and
 * Nest or through the IVR's own listener in front of them; each gets a 4xx
 * with the security headers, and the next good request still works.
 */
describe('the gateway under hostile input', () => {
  let gw: GatewayHarness;
  const logs = new CapturedLogs();
  const API = { healthPath: '/health/live', jsonPath: '/api/v1/sessions', bodyLimitBytes: 100 * 1024 };
  const IVR = { healthPath: '/health/live', jsonPath: '/api/v1/ivr/contacts', bodyLimitBytes: 4096 };
  const METRICS = { healthPath: '/metrics' };
  let metricsUrl = '';
  const at = (paths: Omit<HostileTarget, 'url'>): HostileTarget => ({ ...paths, url: gw.url });

  beforeAll(async () => {
    const metricsPort = await freePort();
    metricsUrl = `http://127.0.0.1:${metricsPort}`;
    gw = await new GatewayHarness({
      dialerUrl: 'http://127.0.0.1:9',
      logger: logs,
      env: { METRICS_PORT: String(metricsPort) },
    }).start();
  });
  afterAll(() => gw.stop());

  describe('REST API (Express and Nest)', () => {
    it.each(hostileRequests({ ...API, url: '' }))('$name', async (hostile) => {
      expect(await tryHostile(at(API), hostile)).toBeUndefined();
    });
  });

  describe('IVR listener (in front of Express)', () => {
    it.each(hostileRequests({ ...IVR, url: '' }))('$name', async (hostile) => {
      expect(await tryHostile(at(IVR), hostile)).toBeUndefined();
    });
  });

  describe('metrics listener (METRICS_PORT)', () => {
    it.each(hostileRequests({ ...METRICS, url: '' }))('$name', async (hostile) => {
      expect(await tryHostile({ ...METRICS, url: metricsUrl }, hostile)).toBeUndefined();
    });
  });

  it('answers any request target with a non-5xx and nosniff, and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(
        requestTargets,
        fc.constantFrom('GET', 'POST', 'DELETE', 'OPTIONS'),
        async (target, method) => {
          const answer = await rawHttp(
            gw.url,
            `${method} ${target} HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
          );
          expect(answer).not.toBeNull();
          expect(answer?.status).toBeLessThan(500);
          expect(answer?.headers['x-content-type-options']).toBe('nosniff');
        },
      ),
      { numRuns: 150, seed: 143 },
    );
    expect(await stillServing(at(API))).toBeUndefined();
  }, 60_000);

  it('logged none of it as an error of its own', () => {
    expect(logs.at('error').map((e) => e.text.slice(0, 300))).toEqual([]);
  });
});
