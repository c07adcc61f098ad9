import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { AgentEvent } from '@puente/contracts';
import { buildCallTask, type CallCenterSettings, type CrmObjectType } from '@puente/crm';
import type { NeoCategory } from '@puente/neoapi';
import type { Subscription } from 'rxjs';
import { SessionService } from '../auth/session.service';
import { CALL_CENTER_SETTINGS } from '../call-center/call-center.module';
import { DIALER, type Dialer } from '../dialer/dialer.port';
import { AgentStreams } from '../events/agent-streams.service';
import { callNote } from '../store/call-notes';
import { GatewayStore } from '../store/gateway-store';
import { CRM, type Crm } from './crm.port';
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
 * the durable outbox when the call ends, completed with the disposition when
 * the agent categorises or schedules (C5). Closing a browser or restarting
 * the gateway delays a Task, never loses or doubles it (keyed by call id).
 */
@Injectable()
export class CallJournalService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('CallJournal');
  private subscription: Subscription | undefined;
  private readonly lastCall = new Map<string, { callId: string; crmId: string | null }>();
  private readonly categories = new Map<string, { at: number; list: NeoCategory[] }>();

  constructor(
    private readonly streams: AgentStreams,
    private readonly outbox: OutboxWorker,
    private readonly users: UserDirectory,
    private readonly sessions: SessionService,
    private readonly store: GatewayStore,
    @Inject(CRM) private readonly crm: Crm,
    @Inject(DIALER) private readonly dialer: Dialer,
    @Inject(CALL_CENTER_SETTINGS) private readonly settings: CallCenterSettings,
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

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  private async onEvent(event: AgentEvent): Promise<void> {
    if (!this.settings.saveActivityLog) return;
    try {
      if (event.type === 'call.ended') this.callEnded(event.agentId, event.payload.callId);
      if (event.type === 'contact.released') await this.released(event.agentId, event.payload);
    } catch (error) {
      this.logger.error({ agentId: event.agentId, err: error, msg: 'could not queue the call log' });
    }
  }

  private callEnded(agentId: string, callId: string): void {
    const state = this.streams.state(agentId);
    const call = state.call;
    if (!call || call.callId !== callId) return;
    const answered = call.answeredAt !== null;
    const talk =
      answered && call.endedAt
        ? (Date.parse(call.endedAt) - Date.parse(call.answeredAt ?? call.endedAt)) / 1000
        : 0;
    const crm = state.crm?.callId === callId ? state.crm : null;
    const linked = crm?.linked ?? null;
    const task = buildCallTask(this.settings, {
      callId,
      direction: call.direction,
      number: call.party,
      answered,
      durationSeconds: Math.max(0, talk),
      startedAt: call.startedAt,
      agentName: state.session?.displayName ?? state.agentId,
      campaign: state.campaign?.name ?? call.campaignId,
      queue: call.queueId,
      disposition: null,
      note: callNote(this.store, callId),
      manual: call.dialerMode === 'manual',
      linked,
      ownerId: null,
    });
    const sync =
      !linked && crm?.decision.type === 'new_record'
        ? { syncId: crm.decision.syncId, objectType: crm.decision.objectType }
        : null;
    const payload: TaskPayload = { task, ownerEmail: state.session?.email ?? null, sync };
    this.outbox.enqueue('task', callId, payload as unknown as Record<string, unknown>);
    this.lastCall.set(agentId, { callId, crmId: state.contact?.crmId ?? null });
  }

  private async released(
    agentId: string,
    p: { categoryId: string | null; subcategoryId: string | null; scheduledFor: string | null },
  ): Promise<void> {
    const last = this.lastCall.get(agentId);
    if (!last) return;
    this.lastCall.delete(agentId);
    let disposition: string | null = null;
    if (p.categoryId)
      disposition = await this.dispositionText(agentId, last.crmId, p.categoryId, p.subcategoryId);
    else if (p.scheduledFor) disposition = `Callback scheduled for ${p.scheduledFor}`;
    if (!disposition) return;
    const payload: TaskPayload = {
      task: { CallObject: last.callId, CallDisposition: disposition.slice(0, 255) },
    };
    this.outbox.enqueue('task', last.callId, payload as unknown as Record<string, unknown>);
  }

  /** "Category / Subcategory" in the dialer CRM's words (C5); the ids when the names cannot be read. */
  private async dispositionText(
    agentId: string,
    crmId: string | null,
    categoryId: string,
    subcategoryId: string | null,
  ): Promise<string> {
    const fallback = subcategoryId ? `${categoryId} / ${subcategoryId}` : categoryId;
    const session = this.sessions.all().find((s) => s.agentId === agentId);
    if (!crmId || !session) return fallback;
    try {
      let cached = this.categories.get(crmId);
      if (!cached || Date.now() - cached.at > 300_000) {
        const { categories } = await this.dialer.call('Get_Categories', { crmId }, session.dialerToken);
        cached = { at: Date.now(), list: categories };
        this.categories.set(crmId, cached);
      }
      const category = cached.list.find((c) => c.id === categoryId);
      const sub = category?.subcategories.find((s) => s.id === subcategoryId);
      if (!category) return fallback;
      return sub ? `${category.name} / ${sub.name}` : category.name;
    } catch {
      return fallback;
    }
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
