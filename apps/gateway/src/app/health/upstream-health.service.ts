import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type GatewayHealth, isDegraded, PUENTE_VERSION, type UpstreamHealth } from '@puente/contracts';
import { uptimeSeconds } from '@puente/server-kit';
import { BehaviorSubject, distinctUntilChanged, map, type Observable } from 'rxjs';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { untilAborted } from '../crm/salesforce/bounded-transport';
import { UPSTREAM_PROBES, type UpstreamProbe } from './upstream-probe';

/**
 * Probes every upstream on its own timer and keeps the latest verdict of
 * each (issue 15 §6). Each check is bounded by HEALTH_PROBE_TIMEOUT_MS
 * whether or not the probe honours its signal, and each upstream has its own
 * schedule, so one hung dependency cannot hold up the verdict of another; it
 * shows as down within HEALTH_PROBE_INTERVAL_MS plus the time-out. A check
 * that ignores its signal and is still running when the next is due is not
 * started again (it would only pile up sockets on the hung dependency): the
 * next check waits on it, with a time-out of its own.
 * Per node, not a cluster job (issue 18 §2): each node's /health/ready says
 * whether THIS node reaches its upstreams (a node cut off from the dialer
 * must leave the load balancer), so each probes for itself; probes only read.
 */
@Injectable()
export class UpstreamHealthService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('UpstreamHealth');
  private readonly current$: BehaviorSubject<readonly UpstreamHealth[]>;
  private readonly schedules: ProbeSchedule[];
  private stopped = false;

  constructor(
    @Inject(UPSTREAM_PROBES) probes: readonly UpstreamProbe[],
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.current$ = new BehaviorSubject<readonly UpstreamHealth[]>(
      probes.map((p) => ({ name: p.name, status: 'unknown', latencyMs: null, checkedAt: null, error: null })),
    );
    this.schedules = probes.map((probe, index) => ({
      probe,
      index,
      timer: undefined,
      check: undefined,
      runs: 0,
      shown: 0,
    }));
  }

  /** Emits the full gateway health whenever any upstream changes status. */
  get changes(): Observable<GatewayHealth> {
    return this.current$.pipe(
      distinctUntilChanged((a, b) => a.length === b.length && a.every((u, i) => u.status === b[i].status)),
      map(() => this.snapshot()),
    );
  }

  onModuleInit(): void {
    void this.round();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    for (const schedule of this.schedules) clearTimeout(schedule.timer);
  }

  snapshot(): GatewayHealth {
    const upstreams = [...this.current$.value];
    return {
      status: isDegraded(upstreams) ? 'degraded' : 'ok',
      service: 'gateway',
      version: PUENTE_VERSION,
      uptimeSeconds: uptimeSeconds(),
      upstreams,
    };
  }

  /**
   * Checks every upstream now, each on its own (also used by tests). Resolves
   * once every verdict is in, which takes at most the probe time-out.
   */
  async round(): Promise<void> {
    await Promise.all(this.schedules.map((s) => this.run(s)));
  }

  /** One check of one upstream, then its next one an interval later. */
  private async run(schedule: ProbeSchedule): Promise<void> {
    clearTimeout(schedule.timer);
    const run = ++schedule.runs;
    const verdict = await this.probe(schedule);
    if (this.stopped) return;
    // A later run (a round asked for meanwhile) may already have shown a fresher verdict.
    if (run > schedule.shown) {
      schedule.shown = run;
      this.show(schedule.index, verdict);
    }
    if (run === schedule.runs) {
      schedule.timer = setTimeout(() => void this.run(schedule), this.config.HEALTH_PROBE_INTERVAL_MS);
      schedule.timer.unref();
    }
  }

  private async probe(schedule: ProbeSchedule): Promise<UpstreamHealth> {
    const { probe } = schedule;
    const started = performance.now();
    const checkedAt = new Date().toISOString();
    const deadline = timeoutSignal(this.config.HEALTH_PROBE_TIMEOUT_MS);
    let result: UpstreamHealth;
    try {
      schedule.check ??= probe.check(deadline.signal).finally(() => (schedule.check = undefined));
      await untilAborted(schedule.check, deadline.signal);
      result = {
        name: probe.name,
        status: 'up',
        latencyMs: Math.round(performance.now() - started),
        checkedAt,
        error: null,
      };
    } catch (error) {
      result = {
        name: probe.name,
        status: 'down',
        latencyMs: null,
        checkedAt,
        error: describeFailure(error),
      };
    } finally {
      deadline.clear();
    }
    const details = probe.details?.();
    return details ? { ...result, details } : result;
  }

  private show(index: number, verdict: UpstreamHealth): void {
    const before = this.current$.value[index]?.status;
    if (before !== verdict.status) {
      if (verdict.status === 'down')
        this.logger.warn({
          upstream: verdict.name,
          error: verdict.error,
          msg: `${verdict.name} is down: ${verdict.error}`,
        });
      else if (before === 'down')
        this.logger.log({ upstream: verdict.name, msg: `${verdict.name} is back up` });
    }
    const next = [...this.current$.value];
    next[index] = verdict;
    this.current$.next(next);
  }
}

interface ProbeSchedule {
  readonly probe: UpstreamProbe;
  /** Its place in the snapshot (the order the probes were given in). */
  readonly index: number;
  timer: NodeJS.Timeout | undefined;
  /** The probe's check while it runs; shared by every run that starts meanwhile. */
  check: Promise<void> | undefined;
  /** Runs started, and the latest run whose verdict was shown. */
  runs: number;
  shown: number;
}

/**
 * An AbortSignal aborted with a TimeoutError after `ms`. On the timers
 * module rather than AbortSignal.timeout, so that it can be cleared once the
 * check is over and tests can move it with a fake clock.
 */
function timeoutSignal(ms: number): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError')),
    ms,
  );
  timer.unref();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

const NETWORK_FAILURES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  UND_ERR_SOCKET: 'connection closed',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
};

/** Duck-typed on purpose: fetch's errors may come from another realm, where instanceof fails. */
function describeFailure(error: unknown): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: string;
    message?: string;
    cause?: { code?: string };
  };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'no answer in time';
  const code = e.cause?.code;
  if (code) return NETWORK_FAILURES[code] ?? code;
  return e.message ?? String(error);
}
