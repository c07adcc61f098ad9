import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  type GatewayHealth,
  isDegraded,
  PUENTE_VERSION,
  type UpstreamHealth,
  type UpstreamName,
} from '@puente/contracts';
import { uptimeSeconds } from '@puente/server-kit';
import { BehaviorSubject, distinctUntilChanged, map, type Observable } from 'rxjs';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { UPSTREAM_PROBES, type UpstreamProbe } from './upstream-probe';

/**
 * Probes every upstream on a timer and keeps the latest verdict. Rounds never
 * overlap: the next one is scheduled when the previous one has finished, so a
 * hanging upstream cannot pile up requests.
 */
@Injectable()
export class UpstreamHealthService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('UpstreamHealth');
  private readonly current$: BehaviorSubject<readonly UpstreamHealth[]>;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    @Inject(UPSTREAM_PROBES) private readonly probes: readonly UpstreamProbe[],
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.current$ = new BehaviorSubject<readonly UpstreamHealth[]>(
      probes.map((p) => ({ name: p.name, status: 'unknown', latencyMs: null, checkedAt: null, error: null })),
    );
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
    clearTimeout(this.timer);
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

  /** Runs one round now (also used by tests and the readiness endpoint's first call). */
  async round(): Promise<void> {
    clearTimeout(this.timer);
    const results = await Promise.all(this.probes.map((p) => this.probe(p)));
    if (this.stopped) return;
    this.report(results);
    this.current$.next(results);
    this.timer = setTimeout(() => void this.round(), this.config.HEALTH_PROBE_INTERVAL_MS);
    this.timer.unref();
  }

  private async probe(probe: UpstreamProbe): Promise<UpstreamHealth> {
    const started = performance.now();
    const checkedAt = new Date().toISOString();
    let result: UpstreamHealth;
    try {
      await probe.check(AbortSignal.timeout(this.config.HEALTH_PROBE_TIMEOUT_MS));
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
    }
    const details = probe.details?.();
    return details ? { ...result, details } : result;
  }

  private report(next: readonly UpstreamHealth[]): void {
    const previous = new Map<UpstreamName, UpstreamHealth>(this.current$.value.map((u) => [u.name, u]));
    for (const u of next) {
      const before = previous.get(u.name)?.status;
      if (before === u.status) continue;
      if (u.status === 'down')
        this.logger.warn({ upstream: u.name, error: u.error, msg: `${u.name} is down: ${u.error}` });
      else if (before === 'down') this.logger.log({ upstream: u.name, msg: `${u.name} is back up` });
    }
  }
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
