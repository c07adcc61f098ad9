import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Gauge } from 'prom-client';
import { RedisUnavailableError } from '../../cluster/redis.provider';
import { MetricsService } from '../../metrics/metrics.service';
import { type BackoffPolicy, pauseAfter } from '../../retry/jittered-backoff';
import { CrmInputError, CrmUnavailableError } from '../crm.port';
import { SalesforceCircuit } from '../salesforce/salesforce-circuit';
import { type OutboxItem, OutboxRepository } from './outbox.repository';

export type OutboxHandler = (payload: Record<string, unknown>, key: string) => Promise<void>;

const MAX_REFUSALS = 8;
const MAX_BACKOFF_MS = 5 * 60_000;
/** Writes delivered at once: enough to drain a backlog in seconds, few enough not to flood Salesforce. */
const CONCURRENCY = 8;

/** Exponential from about a second to five minutes, never sooner than half a second. */
const BACKOFF: BackoffPolicy = { initialMs: 1000, maxMs: MAX_BACKOFF_MS, floorMs: 500 };

/**
 * The wait before attempt `attempts + 1`, with the gateway's jittered policy
 * (retry/jittered-backoff.ts), so that writes that failed together (a whole
 * backlog during an outage) do not all come back at the same instant.
 */
export function backoffMs(attempts: number): number {
  return pauseAfter(attempts + 1, BACKOFF);
}

/**
 * Delivers the outbox to Salesforce: due rows in order, a few at a time,
 * retried with jittered exponential back-off while Salesforce is unreachable
 * (for as long as it takes) and a bounded number of times when it refuses; a
 * restart picks up where it stopped. As soon as any call to Salesforce
 * succeeds after failures (or its circuit closes), what waits for Salesforce
 * goes at once rather than waiting out its back-off. Handlers must be
 * idempotent (they are keyed). In cluster mode every node runs one on the
 * shared outbox; its due() claims each write for one node at a time.
 */
@Injectable()
export class OutboxWorker
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('CrmOutbox');
  private readonly handlers = new Map<string, OutboxHandler>();
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private stopped = false;
  private readonly pending: Gauge;
  private readonly unsubscribe: () => void;

  constructor(
    readonly store: OutboxRepository,
    metrics: MetricsService,
    private readonly circuit: SalesforceCircuit,
  ) {
    this.unsubscribe = circuit.onRecovered(() => this.salesforceAnswers());
    this.pending = new Gauge({
      name: 'puente_crm_outbox',
      help: 'Salesforce writes waiting in the outbox (state: pending or dead)',
      labelNames: ['state'],
      registers: [metrics.registry],
      collect: async () => {
        try {
          const c = await this.store.counts();
          this.pending.set({ state: 'pending' }, c.pending);
          this.pending.set({ state: 'dead' }, c.dead);
        } catch (error) {
          // Redis away: the gauge keeps its last figures rather than failing the whole scrape.
          if (!(error instanceof RedisUnavailableError)) throw error;
        }
      },
    });
  }

  register(kind: string, handler: OutboxHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Durable once it resolves (the caller may then tell the dialer, or move its cursor on). */
  async enqueue(kind: string, key: string, payload: Record<string, unknown>): Promise<void> {
    await this.store.enqueue(kind, key, payload);
    this.kick();
  }

  onApplicationBootstrap(): void {
    this.kick();
  }

  /**
   * Stops before any module's onApplicationShutdown, because the store closes
   * the database there: a delivery still waiting on Salesforce must not write
   * its outcome into a closed database. Its row stays and is sent again after
   * the restart (handlers are idempotent).
   */
  beforeApplicationShutdown(): void {
    this.stopped = true;
    this.unsubscribe();
    clearTimeout(this.timer);
  }

  onApplicationShutdown(): void {
    this.beforeApplicationShutdown();
  }

  /**
   * Retries everything now, parked writes included, and lets calls through
   * to Salesforce again at once (an operator's retry after fixing what
   * Salesforce refused).
   */
  async retryNow(): Promise<void> {
    // A round in flight could push an item's next attempt past "now" after we made it due: let it finish first.
    while (this.current) await this.current;
    this.circuit.reset();
    await this.store.makeAllDue();
    await this.round();
  }

  /** Salesforce served a call again after failures: what waited only for it goes now, a few at a time. */
  private salesforceAnswers(): void {
    if (this.stopped) return;
    this.store.makeUnreachableDue().then(
      (due) => {
        if (due === 0 || this.stopped) return;
        this.logger.log({
          writes: due,
          msg: `Salesforce answers again; sending ${due} waiting write(s) now`,
        });
        this.kick();
      },
      (error: unknown) =>
        // They go when their back-off ends instead.
        this.logger.warn({ err: error, msg: 'could not make the writes waiting for Salesforce due now' }),
    );
  }

  /** Runs a delivery round soon (now, unless one is running). */
  kick(delayMs = 0): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(
      () =>
        void this.round().catch((error: unknown) =>
          this.logger.error({ err: error, msg: 'outbox delivery round failed' }),
        ),
      delayMs,
    );
    this.timer.unref();
  }

  /**
   * One delivery round; resolves when every item due when it was called has
   * been tried. A round already running (started by a timer or an enqueue)
   * is waited for first, so that a caller never returns while a write it
   * counts on is still on its way.
   */
  async round(): Promise<void> {
    // Checked and claimed in one synchronous step, so two waiters never run rounds side by side.
    while (this.current) await this.current;
    const current = this.deliverDue().finally(() => {
      this.current = undefined;
      if (!this.stopped) this.kick(1000);
    });
    this.current = current;
    await current;
  }

  private async deliverDue(): Promise<void> {
    while (!this.stopped) {
      let batch: OutboxItem[];
      try {
        batch = await this.store.due(Date.now(), CONCURRENCY);
      } catch (error) {
        if (!(error instanceof RedisUnavailableError)) throw error;
        // Nothing is claimed, nothing lost: the next round (in a second) asks again.
        this.logger.warn({ err: error, msg: 'the outbox cannot be read; delivery waits for Redis' });
        break;
      }
      if (batch.length === 0) break;
      await Promise.all(batch.map((item) => this.deliver(item)));
    }
  }

  private async deliver(item: OutboxItem): Promise<void> {
    const handler = this.handlers.get(item.kind);
    let failure: { error: unknown } | null = null;
    if (handler) {
      try {
        await handler(item.payload, item.key);
      } catch (error) {
        failure = { error };
      }
    }
    if (this.stopped) return;
    try {
      if (!handler)
        await this.store.retry(item, Date.now() + MAX_BACKOFF_MS, `no handler for ${item.kind}`, true);
      else if (failure) await this.failed(item, failure.error);
      else if (!(await this.store.complete(item))) this.kick();
    } catch (error) {
      if (!(error instanceof RedisUnavailableError)) throw error;
      // Its claim runs out and the write is made again (handlers are idempotent).
      this.logger.warn({
        kind: item.kind,
        key: item.key,
        err: error,
        msg: 'outcome of a write not recorded',
      });
    }
  }

  private async failed(item: OutboxItem, error: unknown): Promise<void> {
    const unavailable = error instanceof CrmUnavailableError;
    // An id or name the adapter refuses to send stays refused: parked at once, for an operator.
    const dead = error instanceof CrmInputError || (!unavailable && item.attempts + 1 >= MAX_REFUSALS);
    await this.store.retry(
      item,
      Date.now() + backoffMs(item.attempts),
      (error as Error).message,
      dead,
      unavailable ? 'unreachable' : 'refused',
    );
    const entry = { kind: item.kind, key: item.key, attempts: item.attempts + 1, err: error };
    if (dead)
      this.logger.error({
        ...entry,
        msg:
          error instanceof CrmInputError
            ? `${item.kind} ${item.key} holds what cannot be sent to Salesforce; parked for an operator`
            : `Salesforce keeps refusing ${item.kind} ${item.key}; parked for an operator`,
      });
    else if (!unavailable)
      this.logger.warn({ ...entry, msg: `Salesforce refused ${item.kind} ${item.key}; will retry` });
    else this.logger.debug({ ...entry, msg: `Salesforce unreachable; ${item.kind} ${item.key} waits` });
  }
}
