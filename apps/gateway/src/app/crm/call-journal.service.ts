import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { AgentEvent, AgentState } from '@puente/contracts';
import { buildCallTask, type CallCenterSettings, callObjectOf, type CrmObjectType } from '@puente/crm';
import type { Subscription } from 'rxjs';
import { SessionService } from '../auth/session.service';
import { SessionSettings } from '../call-center/session-settings.service';
import { AgentStreams } from '../events/agent-streams.service';
import { whenRedisAnswers } from '../cluster/redis-patience';
import { ApiError } from '../http/api-error';
import { CRM, type Crm } from './crm.port';
import { CallJournalRepository, type EndedCall, type JournalEntry } from './journal/call-journal.repository';
import { DispositionNames } from './journal/disposition-names';
import { OutboxWorker } from './outbox/outbox.worker';
import { UserDirectory } from './user-directory.service';

/** The agent's state and dialer as they were when an event was published. */
/**
 * The events the journal acts on. The others are not chained at all: a
 * promise chain per event of every agent, most of them state changes, was
 * old-generation garbage under load (issue 18 §3, docs/performance.md).
 */
const JOURNALED: ReadonlySet<AgentEvent['type']> = new Set([
  'call.ended',
  'crm.record_linked',
  'contact.released',
]);

interface EventMoment {
  state: AgentState;
  instanceId: string | null;
}

interface TaskPayload {
  task: Record<string, string | number>;
  ownerEmail?: string | null;
  /** A record created from the pop, to link once it exists (C4). */
  sync?: { syncId: string; objectType: CrmObjectType } | null;
}

/**
 * Call journaling (C11, saveActivityLog): one Task per call, written through
 * the durable outbox when the call ends, completed with the disposition and
 * the agent's wrap-up note when the contact is released (C5, C6). What that
 * takes (the agent's calls, their CRM ids, what each Task is built from, the
 * notes, the outcome) lives in the CallJournalRepository, not in memory, so closing a
 * browser or restarting the gateway — gracefully or not — delays a Task,
 * never loses its disposition or doubles it (keyed by call id). In cluster
 * mode that repository is on Redis: the node serving the agent at the
 * release finishes the Task, whichever node journaled the call. An agent's
 * events are journaled one after the other, each write awaited, so a
 * release never overtakes the end of the call it completes.
 */
@Injectable()
export class CallJournalService
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('CallJournal');
  private subscription: Subscription | undefined;
  /** Per agent, the journaling of their latest event: the next one starts when it is done. */
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly streams: AgentStreams,
    private readonly outbox: OutboxWorker,
    private readonly users: UserDirectory,
    private readonly names: DispositionNames,
    private readonly journal: CallJournalRepository,
    @Inject(CRM) private readonly crm: Crm,
    private readonly sessionSettings: SessionSettings,
    private readonly sessions: SessionService,
  ) {}

  onModuleInit(): void {
    this.outbox.register('task', (payload) => this.writeTask(payload as unknown as TaskPayload));
    this.outbox.register('fields', async (p) => {
      await this.crm.update(
        p['objectType'] as CrmObjectType,
        String(p['recordId']),
        p['values'] as Record<string, unknown>,
      );
    });
    this.subscription = this.streams.published.subscribe((event) => {
      if (!JOURNALED.has(event.type)) return;
      // The agent's state right after this event (AgentStreams answers it only while the event is
      // being published): a batch that ends a call and releases its contact must journal that call.
      const at: EventMoment = {
        state: this.streams.state(event.agentId),
        instanceId: this.streams.dialerCursor(event.agentId).instanceId,
      };
      this.inOrder(event.agentId, () => this.onEvent(event, at));
    });
  }

  /** Finishes what a crash interrupted: contacts released whose Task was not completed yet. */
  onApplicationBootstrap(): void {
    // The Task's disposition names are read with the agent's session: wait for the sessions to be back.
    void this.sessions.restored
      .then(async () => {
        for (const entry of await this.journal.unfinished()) void this.complete(entry);
      })
      .catch((error: unknown) =>
        this.logger.error({ err: error, msg: 'could not read the calls a restart left unfinished' }),
      );
  }

  /**
   * Listens while the node stops: its dialer subscriptions stop first
   * (DialerSubscriptions, whose module Nest reaches before this one), then
   * what is being journaled is finished. Unsubscribed at onModuleDestroy, it
   * missed the events the node kept committing until then (a disposition
   * lost across a restart, call-journal.spec.ts).
   */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.chains.values()]);
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }

  /** The note typed when dialling by hand (B2): it goes into the call's Task. */
  async rememberDialNote(callId: string, agentId: string, note: string): Promise<void> {
    await this.journal.rememberDialNote(callId, agentId, note);
  }

  /**
   * The call a wrap-up command (categorise, schedule, release) of this agent
   * on this contact is for: the one the panel names, if it is theirs, else
   * their last call with the contact. The dialer needs it, because its own
   * "last call id" is 0 once the call has ended (issue 16 §2.1). Records the
   * note first (resolved: durable), so the Task has it whenever the
   * dialer's release arrives; the caller asks the dialer only then.
   */
  async wrapUp(
    agentId: string,
    contactId: string,
    request: { callId?: string; note?: string },
  ): Promise<string | null> {
    const callId = request.callId
      ? await this.ownCall(agentId, contactId, request.callId)
      : ((await this.journal.lastCallWith(agentId, contactId))?.callId ?? this.liveCall(agentId, contactId));
    if (callId) await this.journal.rememberWrapUpNote(callId, agentId, contactId, request.note ?? null);
    return callId;
  }

  /** Whether the journal holds this call as one of the agent's (kept CALL_JOURNAL_RETENTION_MS, ended or not). */
  async isAgentsCall(agentId: string, callId: string): Promise<boolean> {
    return (await this.journal.get(callId))?.agentId === agentId;
  }

  /** Runs `work` after the agent's earlier events are journaled (it reports its own failures). */
  private inOrder(agentId: string, work: () => Promise<void>): void {
    const next = (this.chains.get(agentId) ?? Promise.resolve()).then(work).finally(() => {
      if (this.chains.get(agentId) === next) this.chains.delete(agentId);
    });
    this.chains.set(agentId, next);
  }

  private async ownCall(agentId: string, contactId: string, callId: string): Promise<string> {
    const entry = await this.journal.get(callId);
    const mine = entry
      ? entry.agentId === agentId && (entry.contactId === null || entry.contactId === contactId)
      : this.liveCall(agentId, contactId) === callId;
    if (!mine)
      throw new ApiError(
        'VALIDATION_FAILED',
        `callId: call ${callId} is not one of your calls with contact ${contactId}.`,
      );
    return callId;
  }

  private liveCall(agentId: string, contactId: string): string | null {
    const state = this.streams.state(agentId);
    return state.call && state.contact?.contactId === contactId ? state.call.callId : null;
  }

  /**
   * Redis away (cluster mode): the journal's writes wait for it (about a
   * minute) rather than lose a call's Task; the agent's later events wait
   * behind them, in order. One node never waits.
   */
  private patiently<T>(work: () => Promise<T>): Promise<T> {
    return whenRedisAnswers(work, (error) =>
      this.logger.warn({ err: error, msg: 'the call journal waits for Redis' }),
    );
  }

  private async onEvent(event: AgentEvent, at: EventMoment): Promise<void> {
    try {
      if (event.type === 'call.ended') await this.callEnded(event.agentId, event.payload.callId, at);
      if (event.type === 'crm.record_linked')
        await this.patiently(() => this.relink(event.agentId, event.payload));
      if (event.type === 'contact.released') {
        const { contactId, categoryId, subcategoryId, scheduledFor } = event.payload;
        const released = await this.patiently(() =>
          this.journal.release(event.agentId, contactId, { categoryId, subcategoryId, scheduledFor }),
        );
        for (const entry of released) await this.complete(entry);
      }
    } catch (error) {
      this.logger.error({ agentId: event.agentId, err: error, msg: 'could not journal the call' });
    }
  }

  private async callEnded(
    agentId: string,
    callId: string,
    { state, instanceId }: EventMoment,
  ): Promise<void> {
    const call = state.call;
    const earlier = await this.patiently(() => this.journal.get(callId));
    // A call.ended replayed after a restart was journaled already: writing it again would undo the completion.
    if (!call || call.callId !== callId || earlier?.ended) return;
    const answered = call.answeredAt !== null;
    const talk =
      answered && call.endedAt
        ? (Date.parse(call.endedAt) - Date.parse(call.answeredAt ?? call.endedAt)) / 1000
        : 0;
    const crm = state.crm?.callId === callId ? state.crm : null;
    const linked = crm?.linked ?? null;
    const ended: EndedCall = {
      record: {
        callId,
        // The dialer the call came from, as the agent's stream knows it (issue 15 §9).
        callObject: callObjectOf(instanceId, callId),
        direction: call.direction,
        number: call.party,
        answered,
        durationSeconds: Math.max(0, talk),
        startedAt: call.startedAt,
        agentName: state.session?.displayName ?? state.agentId,
        campaign: state.campaign?.name ?? call.campaignId,
        queue: call.queueId,
        disposition: null,
        note: earlier?.dialNote ?? null,
        manual: call.dialerMode === 'manual',
        recordingUrl: call.recordingUrl ?? null,
        linked,
        ownerId: null,
      },
      ownerEmail: state.session?.email ?? null,
      sync:
        !linked && crm?.decision.type === 'new_record'
          ? { syncId: crm.decision.syncId, objectType: crm.decision.objectType }
          : null,
    };
    // Both writes are idempotent (the first end time stays; the Task merges into its pending write).
    await this.patiently(async () => {
      await this.journal.rememberEnded(
        { callId, agentId, contactId: state.contact?.contactId ?? null, crmId: state.contact?.crmId ?? null },
        ended,
      );
      const settings = await this.settingsOf(agentId);
      if (settings.saveActivityLog)
        await this.enqueueTask(settings, {
          ...ended,
          record: { ...ended.record, wrapUpNote: earlier?.wrapUpNote ?? null },
        });
    });
  }

  /**
   * A record linked to a call that has ended already (picked in wrap-up,
   * issue 16 §2.3; or synced, C4): its Task is rewritten with the link, and
   * with the disposition if the contact was released meanwhile. A live call
   * needs nothing here: its end reads the link from the agent's state.
   */
  private async relink(
    agentId: string,
    link: { callId: string; objectType: CrmObjectType; recordId: string },
  ): Promise<void> {
    const entry = await this.journal.get(link.callId);
    if (!entry?.ended || entry.agentId !== agentId) return;
    const ended: EndedCall = {
      ...entry.ended,
      record: { ...entry.ended.record, linked: { objectType: link.objectType, recordId: link.recordId } },
      sync: null,
    };
    await this.journal.rememberEnded(
      { callId: entry.callId, agentId, contactId: entry.contactId, crmId: entry.crmId },
      ended,
    );
    const settings = await this.settingsOf(agentId);
    if (!settings.saveActivityLog) return;
    const disposition = entry.released
      ? await this.names.of(entry.agentId, entry.crmId, entry.released)
      : (ended.record.disposition ?? null);
    await this.enqueueTask(settings, {
      ...ended,
      record: { ...ended.record, disposition, wrapUpNote: entry.wrapUpNote },
    });
  }

  /** Completes a released call's Task with its disposition and the wrap-up note, then closes its entry. */
  private async complete(entry: JournalEntry): Promise<void> {
    try {
      await this.patiently(() => this.completeNow(entry));
    } catch (error) {
      this.logger.error({ callId: entry.callId, err: error, msg: 'could not complete the call log' });
    }
  }

  private async completeNow(entry: JournalEntry): Promise<void> {
    const settings = await this.settingsOf(entry.agentId);
    if (settings.saveActivityLog && entry.ended && entry.released) {
      const disposition = await this.names.of(entry.agentId, entry.crmId, entry.released);
      if (disposition || entry.wrapUpNote)
        await this.enqueueTask(settings, {
          ...entry.ended,
          record: { ...entry.ended.record, disposition, wrapUpNote: entry.wrapUpNote },
        });
    }
    await this.journal.finish(entry.callId);
  }

  /**
   * The Call Center in force for the agent: the org's, when their panel read
   * it from Salesforce, else the gateway's file — the same the pop and the
   * panel follow, so the Task says what the agent saw (issue 16 §2.5). The
   * journal acts on call end and release, while the agent's session lives.
   */
  private async settingsOf(agentId: string): Promise<CallCenterSettings> {
    return (await this.sessionSettings.forAgent(agentId)).settings;
  }

  /** The whole Task, rebuilt each time: the outbox merges it into a pending write or updates the one Task. */
  private async enqueueTask(settings: CallCenterSettings, ended: EndedCall): Promise<void> {
    const task = buildCallTask(settings, ended.record);
    const payload: TaskPayload = { task, ownerEmail: ended.ownerEmail, sync: ended.sync };
    const key = ended.record.callObject ?? ended.record.callId;
    await this.outbox.enqueue('task', key, payload as unknown as Record<string, unknown>);
  }

  private async writeTask(payload: TaskPayload): Promise<void> {
    const task: Record<string, unknown> = { ...payload.task };
    if (payload.ownerEmail && !task['OwnerId']) {
      const owner = await this.users.idFor(payload.ownerEmail);
      if (owner) task['OwnerId'] = owner;
    }
    if (payload.sync && !task['WhoId'] && !task['WhatId']) {
      const [record] = await this.crm.findByField('neoSyncId__c', payload.sync.syncId, [
        payload.sync.objectType,
      ]);
      if (record)
        task[record.objectType === 'Contact' || record.objectType === 'Lead' ? 'WhoId' : 'WhatId'] =
          record.id;
    }
    await this.crm.upsertCallTask(task);
  }
}
