import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { AgentEvent } from '@puente/contracts';
import { buildCallTask, type CallCenterSettings, callObjectOf, type CrmObjectType } from '@puente/crm';
import type { Subscription } from 'rxjs';
import { SessionService } from '../auth/session.service';
import { SessionSettings } from '../call-center/session-settings.service';
import { AgentStreams } from '../events/agent-streams.service';
import { ApiError } from '../http/api-error';
import { CRM, type Crm } from './crm.port';
import { CallJournalRepository, type EndedCall, type JournalEntry } from './journal/call-journal.repository';
import { DispositionNames } from './journal/disposition-names';
import { OutboxWorker } from './outbox/outbox.worker';
import { UserDirectory } from './user-directory.service';

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
 * never loses its disposition or doubles it (keyed by call id).
 */
@Injectable()
export class CallJournalService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('CallJournal');
  private subscription: Subscription | undefined;

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
    this.subscription = this.streams.published.subscribe((event) => void this.onEvent(event));
  }

  /** Finishes what a crash interrupted: contacts released whose Task was not completed yet. */
  onApplicationBootstrap(): void {
    // The Task's disposition names are read with the agent's session: wait for the sessions to be back.
    void this.sessions.restored.then(() => {
      for (const entry of this.journal.unfinished()) void this.complete(entry);
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  /** The note typed when dialling by hand (B2): it goes into the call's Task. */
  rememberDialNote(callId: string, agentId: string, note: string): void {
    this.journal.rememberDialNote(callId, agentId, note);
  }

  /**
   * The call a wrap-up command (categorise, schedule, release) of this agent
   * on this contact is for: the one the panel names, if it is theirs, else
   * their last call with the contact. The dialer needs it, because its own
   * "last call id" is 0 once the call has ended (issue 16 §2.1). Records the
   * note first, so the Task has it whenever the dialer's release arrives.
   */
  wrapUp(agentId: string, contactId: string, request: { callId?: string; note?: string }): string | null {
    const callId = request.callId
      ? this.ownCall(agentId, contactId, request.callId)
      : (this.journal.lastCallWith(agentId, contactId)?.callId ?? this.liveCall(agentId, contactId));
    if (callId) this.journal.rememberWrapUpNote(callId, agentId, contactId, request.note ?? null);
    return callId;
  }

  /** Whether the journal holds this call as one of the agent's (kept CALL_JOURNAL_RETENTION_MS, ended or not). */
  isAgentsCall(agentId: string, callId: string): boolean {
    return this.journal.get(callId)?.agentId === agentId;
  }

  private ownCall(agentId: string, contactId: string, callId: string): string {
    const entry = this.journal.get(callId);
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

  private async onEvent(event: AgentEvent): Promise<void> {
    try {
      if (event.type === 'call.ended') this.callEnded(event.agentId, event.payload.callId);
      if (event.type === 'crm.record_linked') await this.relink(event.agentId, event.payload);
      if (event.type === 'contact.released') {
        const { contactId, categoryId, subcategoryId, scheduledFor } = event.payload;
        const released = this.journal.release(event.agentId, contactId, {
          categoryId,
          subcategoryId,
          scheduledFor,
        });
        for (const entry of released) await this.complete(entry);
      }
    } catch (error) {
      this.logger.error({ agentId: event.agentId, err: error, msg: 'could not journal the call' });
    }
  }

  private callEnded(agentId: string, callId: string): void {
    const state = this.streams.state(agentId);
    const call = state.call;
    const earlier = this.journal.get(callId);
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
        callObject: callObjectOf(this.streams.dialerCursor(agentId).instanceId, callId),
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
    this.journal.rememberEnded(
      { callId, agentId, contactId: state.contact?.contactId ?? null, crmId: state.contact?.crmId ?? null },
      ended,
    );
    const settings = this.settingsOf(agentId);
    if (settings.saveActivityLog)
      this.enqueueTask(settings, {
        ...ended,
        record: { ...ended.record, wrapUpNote: earlier?.wrapUpNote ?? null },
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
    const entry = this.journal.get(link.callId);
    if (!entry?.ended || entry.agentId !== agentId) return;
    const ended: EndedCall = {
      ...entry.ended,
      record: { ...entry.ended.record, linked: { objectType: link.objectType, recordId: link.recordId } },
      sync: null,
    };
    this.journal.rememberEnded(
      { callId: entry.callId, agentId, contactId: entry.contactId, crmId: entry.crmId },
      ended,
    );
    const settings = this.settingsOf(agentId);
    if (!settings.saveActivityLog) return;
    const disposition = entry.released
      ? await this.names.of(entry.agentId, entry.crmId, entry.released)
      : (ended.record.disposition ?? null);
    this.enqueueTask(settings, {
      ...ended,
      record: { ...ended.record, disposition, wrapUpNote: entry.wrapUpNote },
    });
  }

  /** Completes a released call's Task with its disposition and the wrap-up note, then closes its entry. */
  private async complete(entry: JournalEntry): Promise<void> {
    try {
      const settings = this.settingsOf(entry.agentId);
      if (settings.saveActivityLog && entry.ended && entry.released) {
        const disposition = await this.names.of(entry.agentId, entry.crmId, entry.released);
        if (disposition || entry.wrapUpNote)
          this.enqueueTask(settings, {
            ...entry.ended,
            record: { ...entry.ended.record, disposition, wrapUpNote: entry.wrapUpNote },
          });
      }
      this.journal.finish(entry.callId);
    } catch (error) {
      this.logger.error({ callId: entry.callId, err: error, msg: 'could not complete the call log' });
    }
  }

  /**
   * The Call Center in force for the agent: the org's, when their panel read
   * it from Salesforce, else the gateway's file — the same the pop and the
   * panel follow, so the Task says what the agent saw (issue 16 §2.5). The
   * journal acts on call end and release, while the agent's session lives.
   */
  private settingsOf(agentId: string): CallCenterSettings {
    return this.sessionSettings.forAgent(agentId).settings;
  }

  /** The whole Task, rebuilt each time: the outbox merges it into a pending write or updates the one Task. */
  private enqueueTask(settings: CallCenterSettings, ended: EndedCall): void {
    const task = buildCallTask(settings, ended.record);
    const payload: TaskPayload = { task, ownerEmail: ended.ownerEmail, sync: ended.sync };
    const key = ended.record.callObject ?? ended.record.callId;
    this.outbox.enqueue('task', key, payload as unknown as Record<string, unknown>);
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
