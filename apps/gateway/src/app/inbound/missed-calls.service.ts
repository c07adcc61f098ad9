import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { CallCenterSettings } from '@puente/crm';
import { SessionService } from '../auth/session.service';
import { CALL_CENTER_SETTINGS } from '../call-center/call-center.module';
import { ClusterJobs } from '../cluster/cluster-jobs';
import { RedisUnavailableError } from '../cluster/redis.provider';
import { searchCaller } from '../crm/caller-search';
import { CRM, type Crm } from '../crm/crm.port';
import { OutboxWorker } from '../crm/outbox/outbox.worker';
import { UserDirectory } from '../crm/user-directory.service';
import { DIALER, type Dialer } from '../dialer/dialer.port';
import { type MissedCallsCursor, MissedCallsCursorStore } from './missed-calls-cursor.store';
import { buildMissedCallTask, linkField, type MissedCallPayload } from './missed-call-task';

export interface InboundOptions {
  /** How often the gateway asks the dialer for new missed calls (one request, not one per agent). */
  missedCallsPollMs: number;
}

export const INBOUND_OPTIONS = Symbol('INBOUND_OPTIONS');
export const DEFAULT_INBOUND_OPTIONS: InboundOptions = { missedCallsPollMs: 5000 };

/** The outbox kind of missed-call Tasks (keyed by the dialer's call id). */
export const MISSED_CALL_KIND = 'missed_call';
/** The cluster job (lease `job:missed-calls`): one node of the cluster reads and queues the Tasks. */
export const MISSED_CALLS_JOB = 'missed-calls';
const PAGE = 100;

type Cursor = MissedCallsCursor;

/**
 * D4 missed calls. The dialer knows a queued caller was never answered; the
 * gateway talks to Salesforce. So the gateway reads the dialer's list of
 * missed calls once per interval — one reader for the whole
 * gateway, not one per agent stream — and queues one Task per missed call in
 * the durable CRM outbox, keyed by call id. The cursor is kept in the
 * MissedCallsCursorStore after the Tasks are queued, and the Task's CallObject
 * makes Salesforce upsert it: a restart re-reading a page never doubles a Task.
 * It writes to Salesforce, so it runs once per cluster (issue 18 §2): a
 * ClusterJobs job, on the node holding its lease, with the cursor in Redis.
 */
@Injectable()
export class MissedCallsService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('MissedCalls');
  private running: Promise<number> | null = null;
  private queueNames = new Map<string, string>();

  constructor(
    private readonly sessions: SessionService,
    private readonly outbox: OutboxWorker,
    private readonly users: UserDirectory,
    private readonly store: MissedCallsCursorStore,
    @Inject(DIALER) private readonly dialer: Dialer,
    @Inject(CRM) private readonly crm: Crm,
    @Inject(CALL_CENTER_SETTINGS) private readonly settings: CallCenterSettings,
    @Inject(INBOUND_OPTIONS) private readonly options: InboundOptions,
    private readonly jobs: ClusterJobs,
  ) {}

  onModuleInit(): void {
    this.outbox.register(MISSED_CALL_KIND, (payload) =>
      this.writeTask(payload as unknown as MissedCallPayload),
    );
  }

  /** Stopped with the other cluster jobs (ClusterModule's shutdown), which releases the lease at once. */
  onApplicationBootstrap(): void {
    this.jobs.register({
      name: MISSED_CALLS_JOB,
      intervalMs: this.options.missedCallsPollMs,
      run: async () => void (await this.poll()),
    });
  }

  /** Reads every missed call after the cursor and queues its Task; answers how many were new. */
  poll(): Promise<number> {
    // One reader at a time: a slow dialer must not make two rounds read the same page.
    this.running ??= this.readAll().finally(() => (this.running = null));
    return this.running;
  }

  private async readAll(): Promise<number> {
    // The dialer has no service account: any live session may read the list (auth: agent).
    const token = await this.sessions.anyDialerSession();
    if (!token) return 0;
    let queued = 0;
    try {
      let cursor = await this.cursor();
      for (;;) {
        const page = await this.dialer.missedCalls({ session: token }, cursor.after, PAGE);
        if (page.epoch !== cursor.epoch) {
          // Another epoch: the dialer restarted and numbers its list afresh. A page read
          // from 0 is valid as it is; one read after an old cursor is read again from 0.
          const stale = cursor.after !== 0;
          cursor = { epoch: page.epoch, after: 0 };
          if (stale) {
            this.logger.log('the dialer restarted its missed-call list: reading it from the start');
            continue;
          }
        }
        if (page.missedCalls.length > 0 && this.queueNames.size === 0) await this.loadQueueNames(token);
        for (const missed of page.missedCalls) {
          if (!missed.responsible) {
            this.logger.warn({
              callId: missed.callId,
              queueId: missed.queueId,
              msg: 'queue names no responsible user: no task',
            });
            continue;
          }
          const payload = buildMissedCallTask(missed, this.queueNames.get(missed.queueId) ?? null);
          // Durable before the cursor moves past it.
          await this.outbox.enqueue(
            MISSED_CALL_KIND,
            missed.callId,
            payload as unknown as Record<string, unknown>,
          );
          queued += 1;
        }
        const last = page.missedCalls.at(-1)?.seq ?? cursor.after;
        cursor = { epoch: page.epoch, after: last };
        await this.store.save(cursor);
        if (page.missedCalls.length < PAGE) return queued;
      }
    } catch (error) {
      this.logger.warn({ err: error, msg: 'could not read missed calls; will try again' });
      return queued;
    }
  }

  private async cursor(): Promise<Cursor> {
    let parsed: Partial<Cursor>;
    try {
      parsed = (await this.store.load()) ?? {};
    } catch (error) {
      // Redis away: not knowing where to start is no reason to read everything again.
      if (error instanceof RedisUnavailableError) throw error;
      parsed = {}; // a damaged cursor: read the dialer's list again (Tasks are upserted by CallObject)
    }
    return { epoch: String(parsed.epoch ?? ''), after: Number(parsed.after ?? 0) || 0 };
  }

  private async loadQueueNames(token: string): Promise<void> {
    try {
      const queues = await this.dialer.queues({ session: token });
      this.queueNames = new Map(queues.map((q) => [q.id, q.name]));
    } catch {
      // The Task names the queue by id instead.
    }
  }

  /** The outbox handler: owner by e-mail, the caller's record linked, then an upsert by CallObject. */
  private async writeTask(payload: MissedCallPayload): Promise<void> {
    const task: Record<string, unknown> = { ...payload.task };
    if (payload.ownerEmail) {
      const owner = await this.users.idFor(payload.ownerEmail);
      if (owner) task['OwnerId'] = owner;
    }
    const { crmKey, contactId, number } = payload.caller;
    // "idContacto-" (empty key) is searched by phone only; a private caller by nothing.
    const search = await searchCaller(this.crm, this.settings, {
      direction: crmKey ? 'inbound' : 'outbound',
      crmKey,
      contactId,
      phone: number === 'anonymous' ? '' : number,
    });
    const winner = search.pick.winner;
    if (winner) task[linkField(winner)] = winner.id;
    await this.crm.upsertCallTask(task);
  }
}
