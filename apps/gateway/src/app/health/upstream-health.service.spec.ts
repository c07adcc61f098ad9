import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import type { UpstreamName } from '@puente/contracts';
import type { GatewayConfig } from '../config/gateway.config';
import type { MetricsService } from '../metrics/metrics.service';
import { NeoApiConnection } from '../dialer/neoapi/neoapi-connection';
import { NeoApiDialerAdapter } from '../dialer/neoapi/neoapi-dialer.adapter';
import { UpstreamHealthService } from './upstream-health.service';
import type { UpstreamProbe } from './upstream-probe';

/**
 * Issue 15 §6: every probe is bounded by its own time-out, rounds never wait
 * on one another, and a hung dependency shows as down within the probe
 * interval plus its time-out. Time is Jest's fake clock, moved by exactly
 * that much: what is not down by then was late.
 */
const INTERVAL_MS = 1000;
const TIMEOUT_MS = 300;
const config = {
  HEALTH_PROBE_INTERVAL_MS: INTERVAL_MS,
  HEALTH_PROBE_TIMEOUT_MS: TIMEOUT_MS,
} as GatewayConfig;

/** A probe the test steers: it answers, or hangs ignoring its signal as the database probe did. */
class ScriptedProbe implements UpstreamProbe {
  calls = 0;
  hangs = false;
  constructor(readonly name: UpstreamName) {}
  check(): Promise<void> {
    this.calls += 1;
    return this.hangs ? new Promise<void>(() => undefined) : Promise.resolve();
  }
}

/** Lets I/O and promise callbacks run without moving the fake clock (setImmediate is left real). */
async function settle(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
}

const statusOf = (service: UpstreamHealthService, name: UpstreamName) =>
  service.snapshot().upstreams.find((u) => u.name === name);

describe('UpstreamHealthService (issue 15 §6)', () => {
  let service: UpstreamHealthService | undefined;

  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'performance'] });
  });
  afterEach(() => {
    service?.onModuleDestroy();
    service = undefined;
    jest.useRealTimers();
  });

  it('issue 15 §6: a probe that ignores its signal shows down within interval + time-out, and the others go on', async () => {
    const database = new ScriptedProbe('database');
    const dialer = new ScriptedProbe('dialer');
    service = new UpstreamHealthService([dialer, database], config);
    service.onModuleInit();
    await settle();
    expect(service.snapshot().status).toBe('ok');

    database.hangs = true;
    await jest.advanceTimersByTimeAsync(INTERVAL_MS + TIMEOUT_MS);
    await settle();
    expect(statusOf(service, 'database')).toMatchObject({ status: 'down', error: 'no answer in time' });
    expect(statusOf(service, 'dialer')?.status).toBe('up');

    // Five more intervals: the dialer is probed on its own schedule; the stuck check is not started again.
    const dialerCalls = dialer.calls;
    const databaseCalls = database.calls;
    await jest.advanceTimersByTimeAsync(5 * (INTERVAL_MS + TIMEOUT_MS));
    await settle();
    expect(dialer.calls - dialerCalls).toBeGreaterThanOrEqual(4);
    expect(database.calls).toBe(databaseCalls);
    expect(statusOf(service, 'database')?.status).toBe('down');
  });

  it('issue 15 §6: the probe is checked again once the stuck check ends, and shows up', async () => {
    const database = new ScriptedProbe('database');
    let finish: () => void = () => undefined;
    database.check = () => {
      database.calls += 1;
      return database.calls === 2 ? new Promise<void>((r) => (finish = r)) : Promise.resolve();
    };
    service = new UpstreamHealthService([database], config);
    service.onModuleInit();
    await settle();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS + TIMEOUT_MS);
    await settle();
    expect(statusOf(service, 'database')?.status).toBe('down');
    finish();
    await jest.advanceTimersByTimeAsync(2 * (INTERVAL_MS + TIMEOUT_MS));
    await settle();
    expect(statusOf(service, 'database')?.status).toBe('up');
  });

  describe('a hung dialer (it accepts connections and never answers)', () => {
    let hung: Server;
    const sockets = new Set<Socket>();
    let answering = true;

    beforeAll(async () => {
      hung = createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.once('data', () => {
          if (answering)
            socket.end(
              'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 15\r\nconnection: close\r\n\r\n{"status":"ok"}',
            );
        });
      });
      await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => hung.close(r));
    });

    it('issue 15 §6: shows "dialer down" within interval + time-out', async () => {
      const metrics = {
        circuitState: { set: () => undefined },
        dialerErrors: { inc: () => undefined },
      } as unknown as MetricsService;
      const adapter = new NeoApiDialerAdapter(
        new NeoApiConnection(
          {
            baseUrl: `http://127.0.0.1:${(hung.address() as AddressInfo).port}`,
            timeoutMs: 5000,
            breakerFailures: 3,
            breakerResetMs: 1000,
          },
          metrics,
        ),
      );
      // Wired as health.module.ts wires it.
      const probe: UpstreamProbe = { name: 'dialer', check: (signal) => adapter.health(signal) };
      service = new UpstreamHealthService([probe], config);
      service.onModuleInit();
      // The first check answers over a real socket: wait for it without moving the clock.
      for (let i = 0; i < 5000 && statusOf(service, 'dialer')?.status !== 'up'; i++) await settle(1);
      expect(statusOf(service, 'dialer')?.status).toBe('up');

      answering = false;
      await jest.advanceTimersByTimeAsync(INTERVAL_MS + TIMEOUT_MS);
      for (let i = 0; i < 5000 && statusOf(service, 'dialer')?.status !== 'down'; i++) await settle(1);
      expect(statusOf(service, 'dialer')).toMatchObject({ status: 'down', error: 'no answer in time' });
    });
  });
});
