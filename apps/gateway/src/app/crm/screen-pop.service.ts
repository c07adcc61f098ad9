import { randomInt } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  type AgentEvent,
  type AgentState,
  type CallerCard,
  type CrmRecordRef,
  PICK_LIST_MAX,
  type PopDecision,
} from '@puente/contracts';
import {
  applyFieldMappings,
  type CallCenterSettings,
  decidePop,
  type NeotelData,
  renderTemplate,
} from '@puente/crm';
import { isAnonymousNumber, toE164 } from '@puente/phone';
import type { CountryCode } from 'libphonenumber-js';
import type { Subscription } from 'rxjs';
import { SessionSettings } from '../call-center/session-settings.service';
import { AgentStreams } from '../events/agent-streams.service';
import { callerCard } from './caller-card';
import { ClickToDialService } from './click-to-dial.service';
import { type CallerSearch, searchCaller } from './caller-search';
import { MetricsService } from '../metrics/metrics.service';
import { CRM, type Crm, CrmLoginError, CrmUnavailableError } from './crm.port';
import { OutboxWorker } from './outbox/outbox.worker';

/**
 * A neoSyncId__c value: Number(18,0), unique; time-ordered with a random tail.
 * Salesforce holds number fields as doubles (and jsforce parses them into JS
 * numbers), so the value must stay below 2^53 to come back digit for digit:
 * 13 digits of milliseconds and 3 random ones give 16 digits until the year 2255.
 */
export function newSyncId(now = Date.now()): string {
  return `${now}${String(randomInt(0, 1000)).padStart(3, '0')}`;
}

/** When a pop's decision started, and how long it has waited for Salesforce so far (ms). */
interface PopClock {
  started: number;
  crmMs: number;
}

/** Milliseconds to the microsecond: enough for a diagnosis, short on the wire. */
function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/**
 * The gateway decides, the panel executes (DESIGN principle 4): for every
 * call it searches Salesforce at the right moment (ring or answer, B7, C15),
 * applies searchTypePriority and the softphone layout (C1, C2), prepares the
 * caller card (C10, C14) or a new record with defaultNewRowData and its sync id
 * (C4) — creating a Lead or Contact for unknown callers when configured
 * (C13) — publishes the decision as `crm.pop`, and writes the dialer's data
 * back into the record through the outbox (C3).
 */
@Injectable()
export class ScreenPopService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ScreenPop');
  private subscription: Subscription | undefined;
  private readonly popped = new Set<string>();

  constructor(
    private readonly streams: AgentStreams,
    @Inject(CRM) private readonly crm: Crm,
    private readonly sessionSettings: SessionSettings,
    private readonly outbox: OutboxWorker,
    private readonly metrics: MetricsService,
    private readonly clickToDial: ClickToDialService,
  ) {}

  onModuleInit(): void {
    this.subscription = this.streams.published.subscribe((event) => this.onEvent(event));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  private onEvent(event: AgentEvent): void {
    if (event.type !== 'call.offered' && event.type !== 'call.answered') return;
    // The agent as this event left them (AgentStreams answers that only while publishing it).
    const state = this.streams.state(event.agentId);
    const call = state.call;
    if (!call || call.callId !== event.payload.callId) return;
    const clock: PopClock = { started: performance.now(), crmMs: 0 };
    void this.popIfDue(event, state, call, clock).catch((error: unknown) =>
      this.logger.error({ agentId: event.agentId, err: error, msg: 'screen pop failed' }),
    );
  }

  private async popIfDue(
    event: AgentEvent,
    state: AgentState,
    call: NonNullable<AgentState['call']>,
    clock: PopClock,
  ): Promise<void> {
    // The agent's session decides: the org's Call Center and Softphone Layout when the panel sent them (issue 17 §2).
    const settings = (await this.sessionSettings.forAgent(event.agentId)).settings;
    if (call.direction === 'internal' && settings.puente.skipInternalCalls) return;
    const timing = settings.puente.searchTiming;
    const when = timing === 'auto' ? (call.dialerMode === 'predictive' ? 'answer' : 'ring') : timing;
    if ((when === 'ring') !== (event.type === 'call.offered')) return;
    const popKey = `${event.agentId}:${call.callId}`;
    if (this.popped.has(popKey)) return;
    this.popped.add(popKey);
    if (this.popped.size > 10_000) this.popped.clear();
    await this.decide(event.agentId, clock, state, settings);
  }

  /**
   * Searches and publishes the pop decision for the agent's current call,
   * timing the gateway's own share apart from the Salesforce round trips, so
   * the overhead goal (issue 5) is measured where it happens.
   */
  async pop(agentId: string): Promise<void> {
    const clock = { started: performance.now(), crmMs: 0 };
    const state = this.streams.state(agentId);
    await this.decide(agentId, clock, state, (await this.sessionSettings.forAgent(agentId)).settings);
  }

  private async decide(
    agentId: string,
    clock: PopClock,
    state: AgentState,
    settings: CallCenterSettings,
  ): Promise<void> {
    const timed = async <T>(work: Promise<T>): Promise<T> => {
      const t0 = performance.now();
      try {
        return await work;
      } finally {
        clock.crmMs += performance.now() - t0;
      }
    };
    const call = state.call;
    if (!call) return;
    const p = settings.puente;
    const origin = this.clickToDial.originOf(agentId, call);
    let search: CallerSearch;
    try {
      search =
        (origin && (await timed(this.clickedRecord(settings, origin, call.party)))) ??
        (await timed(
          searchCaller(this.crm, settings, {
            direction: call.direction,
            crmKey: state.contact?.crmKey ?? '',
            contactId: state.contact?.contactId ?? null,
            phone: call.party,
          }),
        ));
    } catch (error) {
      this.failed(agentId, error);
      this.publish(agentId, call.callId, clock, {
        searchBy: null,
        searchData: null,
        decision: { type: 'none' },
        matches: 0,
        callerName: p.noMatchName,
        caller: null,
      });
      return;
    }
    const data = this.neotelData(state, search);
    const syncId = newSyncId();
    let decision: PopDecision = decidePop({
      layout: p.layouts[call.direction],
      searchable: search.searchable,
      pick: search.pick,
      newRecordDefaults: {
        ...applyFieldMappings(settings.defaultNewRowData, data),
        neoSyncId__c: syncId,
      },
      syncId,
      searchString: search.searchString,
    });
    let card: CallerCard | null = null;
    let winner = search.pick.winner;
    // The record clicked to dial stays on screen and is the call's, whatever the layout (issue 16 §2.4).
    if (origin && winner) decision = { type: 'record', objectType: winner.objectType, recordId: winner.id };
    try {
      if (
        !winner &&
        decision.type === 'new_record' &&
        p.unknownCaller.create !== 'none' &&
        search.phoneE164
      ) {
        winner = await timed(
          this.createForUnknownCaller(decision.defaultFieldValues, search.phoneE164, {
            create: p.unknownCaller.create,
            company: p.unknownCaller.company,
          }),
        );
        decision = { type: 'record', objectType: winner.objectType, recordId: winner.id };
      }
      if (winner) {
        const shown = p.displayFields[winner.objectType];
        // The search read the display fields along; a record created just now has none yet.
        const record = winner.fields
          ? { ...winner, fields: winner.fields }
          : await timed(this.crm.retrieve(winner.objectType, winner.id, shown));
        if (record) card = callerCard(record, shown);
      }
    } catch (error) {
      this.failed(agentId, error);
    }
    const anonymous = !search.phoneE164 && call.direction === 'inbound';
    const callerName =
      winner?.name ??
      (search.pick.matches.length > 1 ? p.multipleMatchName : anonymous ? p.anonymousLabel : p.noMatchName);
    this.publish(agentId, call.callId, clock, {
      searchBy: search.searchBy,
      searchData: search.searchData,
      decision,
      matches: search.pick.matches.length,
      callerName,
      caller: card,
      ...(winner ? {} : this.pickList(settings, search)),
    });
    if (decision.type === 'record' && winner) {
      const values = applyFieldMappings(settings.externalData, data);
      if (Object.keys(values).length > 0) {
        await this.outbox.enqueue('fields', `${winner.objectType}:${winner.id}:${call.callId}`, {
          objectType: winner.objectType,
          recordId: winner.id,
          values,
        });
      }
    }
  }

  /**
   * The record a click-to-dial started from, read with the caller card's
   * fields, as if a search by its Id had found it alone; null when it is gone.
   */
  private async clickedRecord(
    settings: CallCenterSettings,
    origin: CrmRecordRef,
    party: string,
  ): Promise<CallerSearch | null> {
    const record = await this.crm.retrieve(
      origin.objectType,
      origin.recordId,
      settings.puente.displayFields[origin.objectType],
    );
    if (!record) return null;
    const country = settings.puente.defaultCountry as CountryCode;
    return {
      searchable: true,
      searchBy: 'Id',
      searchData: record.id,
      pick: { winner: record, matches: [record] },
      searchString: record.id,
      phoneE164: isAnonymousNumber(party) ? null : toE164(party, country),
    };
  }

  /** Several matches and no winner: each one with its display fields, for the agent to pick (issue 16 §2.3). */
  private pickList(settings: CallCenterSettings, search: CallerSearch): { candidates?: CallerCard[] } {
    const { matches } = search.pick;
    if (matches.length < 2) return {};
    const shown = settings.puente.displayFields;
    return {
      candidates: matches
        .slice(0, PICK_LIST_MAX)
        .map((m) => callerCard({ ...m, fields: m.fields ?? {} }, shown[m.objectType])),
    };
  }

  /** Publishes the decision with its timing, and times the gateway's own share apart from Salesforce's (issue 5). */
  private publish(
    agentId: string,
    callId: string,
    clock: PopClock,
    view: Omit<Extract<AgentEvent, { type: 'crm.pop' }>['payload'], 'callId' | 'timing'>,
  ): void {
    const totalMs = performance.now() - clock.started;
    const timing = { totalMs: round(totalMs), salesforceMs: round(clock.crmMs) };
    this.streams.append(agentId, [{ type: 'crm.pop', payload: { callId, ...view, timing } }]);
    this.metrics.screenPop.observe({ part: 'total' }, totalMs / 1000);
    this.metrics.screenPop.observe({ part: 'gateway' }, Math.max(0, totalMs - clock.crmMs) / 1000);
  }

  private async createForUnknownCaller(
    defaults: Record<string, string>,
    phone: string,
    unknown: { create: 'Lead' | 'Contact'; company: string },
  ) {
    const objectType = unknown.create;
    const company = renderTemplate(unknown.company, { Number: phone });
    const values: Record<string, string> = { ...defaults, Phone: phone, LastName: company };
    if (objectType === 'Lead') values['Company'] = company;
    const id = await this.crm.create(objectType, values);
    return { objectType, id, name: company };
  }

  private neotelData(state: AgentState, search: CallerSearch): NeotelData {
    const phone = state.contact?.phoneNumber || state.call?.party;
    return {
      ...(state.contact?.externalData ?? {}),
      // A private caller has no number: a new record's Phone stays empty (issue 16 §2.5, D3).
      phoneNumber: isAnonymousNumber(phone) ? '' : phone,
      callId: state.call?.callId,
      SearchBy: search.searchBy ?? '',
      SearchData: search.searchData ?? '',
    };
  }

  private failed(agentId: string, error: unknown): void {
    const unavailable = error instanceof CrmUnavailableError;
    this.logger.warn({ agentId, err: error, msg: 'Salesforce search failed' });
    // A refused login is an administrator's problem: say so rather than "not answering".
    const message =
      error instanceof CrmLoginError
        ? "Salesforce refused the gateway's login; ask an administrator to check the Salesforce connection."
        : unavailable
          ? 'Salesforce is not answering; the record could not be looked up.'
          : `Salesforce refused the search: ${(error as Error).message}`;
    this.streams.append(agentId, [
      {
        type: 'system.error',
        payload: {
          code: unavailable && !(error instanceof CrmLoginError) ? 'CRM_UNAVAILABLE' : 'CRM_ERROR',
          message,
        },
      },
    ]);
  }
}
