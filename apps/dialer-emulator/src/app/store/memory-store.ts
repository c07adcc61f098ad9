import { randomUUID } from 'node:crypto';
import { ANI_MAX_LENGTH, DATA_MAX_LENGTH } from '@puente/contact-center-db';
import type { NeoCategory, NeoTransferNumber } from '@puente/neoapi';
import { buildDemoData, DEMO_BLACKLIST, type DemoData, demoPasswordHash } from './demo-data';
import {
  type AttemptResult,
  type CallLegRecord,
  type DialerStore,
  type Directory,
  type DispositionInput,
  type DueSchedule,
  type ScheduleInput,
  type SalesforceContactResult,
  type StoredContact,
  type StoredSession,
  StoreError,
} from './dialer-store';

interface ContactRow extends StoredContact {
  status: 'new' | 'retry' | 'dialing' | 'contacted' | 'done' | 'scheduled' | 'exhausted';
  attempts: number;
  nextAttemptAt: number | null;
}

interface ScheduleRow extends DueSchedule {
  status: 'pending' | 'dialing' | 'done' | 'failed' | 'cancelled';
}

/** The procedures' limits (CALL_DISPOSITION, SCHEDULE_INSERT, CALL_HISTORY_NOTE, CONTACTO_INSERT_SALESFORCE). */
const NOTE_MAX_LENGTH = 4000;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

function checkNote(note: string): void {
  if (note.length > NOTE_MAX_LENGTH)
    throw new StoreError('INVALID_INPUT', `NOTE is longer than ${NOTE_MAX_LENGTH} characters`);
}

/**
 * The contact-center rules of the PL/pgSQL procedures, in plain maps: what
 * `simulate` and the engine's own tests run on, a day of traffic in a second.
 * `npm start` uses SqlDialerStore (PGlite) instead; both pass the same tests.
 */
export class MemoryDialerStore implements DialerStore {
  private readonly data: DemoData;
  private readonly contacts = new Map<string, ContactRow>();
  private readonly schedules = new Map<string, ScheduleRow>();
  readonly history: CallLegRecord[] = [];
  readonly dispositions: DispositionInput[] = [];
  readonly notes: { callId: string; contactId: string; note: string }[] = [];
  private readonly blacklist = new Set<string>(DEMO_BLACKLIST);
  private nextContactId: number;
  /** Per database: contacts in id order and where the scan for new ones starts (dialling is O(batch)). */
  private readonly fresh = new Map<string, { rows: ContactRow[]; cursor: number }>();
  private readonly retries = new Set<ContactRow>();
  private nextScheduleId = 1;
  private readonly instance = randomUUID();
  private callIdsReserved = 0;
  private readonly sessionRows = new Map<string, StoredSession>();

  constructor(options: { contacts?: number; seed?: number } = {}) {
    this.data = buildDemoData(options.contacts ?? 3000, options.seed ?? 1);
    for (const c of this.data.contacts) {
      const row: ContactRow = { ...c, status: 'new', attempts: 0, nextAttemptAt: null };
      this.contacts.set(c.id, row);
      const fresh = this.fresh.get(c.databaseId) ?? { rows: [], cursor: 0 };
      fresh.rows.push(row);
      this.fresh.set(c.databaseId, fresh);
    }
    this.nextContactId = 100000 + this.data.contacts.length;
  }

  async loadDirectory(): Promise<Directory> {
    const hash = await demoPasswordHash();
    for (const user of this.data.users) user.passwordHash ||= hash;
    const { users, devices, breakStates, campaigns, queues } = this.data;
    return structuredClone({ users, devices, breakStates, campaigns, queues });
  }

  async transferNumbers(campaignId: string): Promise<NeoTransferNumber[]> {
    if (!this.campaign(campaignId)) throw new StoreError('CAMPAIGN_NOT_FOUND', `campaign ${campaignId}`);
    return this.data.transferNumbers.get(campaignId) ?? [];
  }

  async categories(crmId: string): Promise<NeoCategory[]> {
    const list = this.data.categories.get(crmId);
    if (!list) throw new StoreError('CRM_NOT_FOUND', `CRM ${crmId} does not exist`);
    return structuredClone(list);
  }

  async contactGet(contactId: string): Promise<StoredContact | null> {
    const row = this.contacts.get(contactId);
    return row ? strip(row) : null;
  }

  async contactByKey(crmId: string, key: string): Promise<StoredContact | null> {
    if (!this.data.categories.has(crmId))
      throw new StoreError('CRM_NOT_FOUND', `CRM ${crmId} does not exist`);
    const wanted = key.trim();
    if (wanted === '') return null;
    for (const row of this.contacts.values())
      if (row.crmId === crmId && row.key === wanted) return strip(row);
    return null;
  }

  async nextToDial(campaignId: string, now: Date, max: number): Promise<StoredContact[]> {
    const campaign = this.campaign(campaignId);
    if (!campaign) throw new StoreError('CAMPAIGN_NOT_FOUND', `campaign ${campaignId}`);
    const limit = Math.max(1, Math.min(max, 500));
    const dialable = (r: ContactRow) =>
      r.databaseId === campaign.databaseId && r.phone !== '' && !this.blacklist.has(r.phone);
    // Retries first (oldest due first), then new contacts in id order, as the procedure orders them.
    const picked = [...this.retries]
      .filter((r) => r.status === 'retry' && (r.nextAttemptAt ?? 0) <= now.getTime() && dialable(r))
      .sort((a, b) => (a.nextAttemptAt ?? 0) - (b.nextAttemptAt ?? 0) || Number(a.id) - Number(b.id))
      .slice(0, limit);
    const fresh = this.fresh.get(campaign.databaseId) ?? { rows: [], cursor: 0 };
    for (let i = fresh.cursor; i < fresh.rows.length && picked.length < limit; i++) {
      const row = fresh.rows[i];
      if (row.status === 'new' && (row.nextAttemptAt ?? 0) <= now.getTime() && dialable(row))
        picked.push(row);
      if (i === fresh.cursor && row.status !== 'new') fresh.cursor += 1;
    }
    for (const row of picked) {
      row.status = 'dialing';
      this.retries.delete(row);
    }
    return picked.map((row) => ({ ...strip(row), attempts: row.attempts }));
  }

  /** A contact back to 'new' goes back in the id-ordered scan. */
  private markNew(row: ContactRow): void {
    row.status = 'new';
    const fresh = this.fresh.get(row.databaseId);
    if (!fresh) return;
    const at = fresh.rows.indexOf(row);
    if (at >= 0 && at < fresh.cursor) fresh.cursor = at;
  }

  async returnContact(contactId: string): Promise<void> {
    const row = this.contacts.get(contactId);
    if (row?.status !== 'dialing') return;
    if (row.attempts === 0) this.markNew(row);
    else this.setRetry(row);
  }

  async skipContact(contactId: string, campaignId: string, now: Date): Promise<void> {
    const row = this.contacts.get(contactId);
    if (row?.status !== 'dialing') return;
    const campaign = this.campaign(campaignId);
    if (!campaign) throw new StoreError('CAMPAIGN_NOT_FOUND', `campaign ${campaignId}`);
    row.nextAttemptAt = now.getTime() + campaign.retryMinutes * 60_000;
    if (row.attempts === 0) this.markNew(row);
    else this.setRetry(row);
  }

  private setRetry(row: ContactRow): void {
    row.status = 'retry';
    this.retries.add(row);
  }

  async attemptResult(contactId: string, campaignId: string | null, result: AttemptResult, now: Date) {
    const row = this.contacts.get(contactId);
    if (!row) throw new StoreError('CONTACT_NOT_FOUND', `contact ${contactId} does not exist`);
    const campaign = campaignId ? this.campaign(campaignId) : undefined;
    if (campaignId && !campaign) throw new StoreError('CAMPAIGN_NOT_FOUND', `campaign ${campaignId}`);
    const max = campaign?.maxAttempts ?? 3;
    const retry = campaign?.retryMinutes ?? 60;
    row.attempts += 1;
    if (result === 'answered') {
      row.status = 'contacted';
      row.nextAttemptAt = null;
    } else {
      if (row.status !== 'scheduled' && row.status !== 'done') {
        if (row.attempts >= max) row.status = 'exhausted';
        else this.setRetry(row);
      }
      row.nextAttemptAt = now.getTime() + retry * 60_000;
    }
  }

  async releaseContact(contactId: string): Promise<void> {
    const row = this.contacts.get(contactId);
    if (!row) throw new StoreError('CONTACT_NOT_FOUND', `contact ${contactId} does not exist`);
    if (row.status === 'contacted' || row.status === 'dialing') row.status = 'done';
  }

  async dispose(input: DispositionInput): Promise<{ scheduledFor: string | null }> {
    const row = this.contacts.get(input.contactId);
    if (!row) throw new StoreError('CONTACT_NOT_FOUND', `contact ${input.contactId} does not exist`);
    const category = (this.data.categories.get(row.crmId) ?? []).find((c) => c.id === input.categoryId);
    if (!category)
      throw new StoreError('CATEGORY_NOT_FOUND', `category ${input.categoryId} is not in CRM ${row.crmId}`);
    if (input.subcategoryId && !category.subcategories.some((s) => s.id === input.subcategoryId))
      throw new StoreError(
        'SUBCATEGORY_NOT_FOUND',
        `subcategory ${input.subcategoryId} is not in that category`,
      );
    if (input.campaignId && !this.campaign(input.campaignId))
      throw new StoreError('CAMPAIGN_NOT_FOUND', `campaign ${input.campaignId}`);
    checkNote(input.note);
    if (input.at && !category.schedules)
      throw new StoreError('INVALID_INPUT', `category ${category.id} does not schedule a callback`);
    this.dispositions.push(input);
    if (!category.schedules) {
      row.status = 'done';
      return { scheduledFor: null };
    }
    // Agenda categories: the time the agent picked replaces a pending callback (as SCHEDULE_INSERT does);
    // without one, the pending callback stands, else one an hour later for the agent who categorised.
    const pending = input.at ? undefined : this.pendingOf(row.id);
    if (pending) {
      row.status = 'scheduled';
      return { scheduledFor: pending.at };
    }
    const at = input.at ?? new Date(input.now.getTime() + 60 * 60_000);
    const campaignId = input.campaignId ?? this.campaignOfDatabase(row.databaseId);
    if (campaignId)
      await this.scheduleInsert({
        contactId: row.id,
        campaignId,
        userId: input.userId,
        at,
        number: row.phone,
        note: input.note,
        createdBy: input.userId,
      });
    return { scheduledFor: at.toISOString() };
  }

  async scheduleInsert(input: ScheduleInput): Promise<string> {
    const row = this.contacts.get(input.contactId);
    if (!row) throw new StoreError('CONTACT_NOT_FOUND', `contact ${input.contactId} does not exist`);
    if (!this.campaign(input.campaignId))
      throw new StoreError('CAMPAIGN_NOT_FOUND', `campaign ${input.campaignId}`);
    const number = (input.number.trim() || row.phone).trim();
    // Numbers arrive as people type them ("(011) 4555-1234"): digits and the usual separators only.
    if (!/^\+?[0-9 ().-]{3,40}$/.test(number) || !/[0-9].*[0-9].*[0-9]/.test(number))
      throw new StoreError('INVALID_INPUT', `${JSON.stringify(number)} is not a number to call back`);
    checkNote(input.note);
    // One pending callback per contact: a new date replaces the old one.
    for (const kept of this.schedules.values())
      if (kept.contactId === row.id && kept.status === 'pending') kept.status = 'cancelled';
    const id = String(this.nextScheduleId++);
    this.schedules.set(id, {
      id,
      contactId: input.contactId,
      campaignId: input.campaignId,
      userId: input.userId,
      at: input.at.toISOString(),
      number,
      note: input.note,
      status: 'pending',
    });
    row.status = 'scheduled';
    return id;
  }

  async schedulesDue(now: Date, max: number): Promise<DueSchedule[]> {
    return [...this.schedules.values()]
      .filter(
        (s) => s.status === 'pending' && Date.parse(s.at) <= now.getTime() && !this.blacklist.has(s.number),
      )
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || Number(a.id) - Number(b.id))
      .slice(0, max)
      .map(({ status: _status, ...rest }) => rest);
  }

  async scheduleTake(scheduleId: string): Promise<boolean> {
    const row = this.schedules.get(scheduleId);
    if (row?.status !== 'pending') return false;
    row.status = 'dialing';
    return true;
  }

  async scheduleFinish(scheduleId: string, status: 'done' | 'failed' | 'pending'): Promise<void> {
    const row = this.schedules.get(scheduleId);
    if (row) row.status = status;
  }

  async callHistoryInsert(leg: CallLegRecord): Promise<void> {
    const at = this.history.findIndex((h) => h.callId === leg.callId && h.leg === leg.leg);
    if (at >= 0) this.history[at] = leg;
    else this.history.push(leg);
  }

  async noteCall(callId: string, contactId: string, note: string): Promise<number> {
    checkNote(note);
    const legs = this.history.filter(
      (h) => h.callId === callId && (h.contactId === contactId || h.contactId === null),
    );
    if (legs.length > 0) this.notes.push({ callId, contactId, note });
    return legs.length;
  }

  async insertSalesforceContact(
    data: string,
    ani: string,
    databaseId: string,
  ): Promise<SalesforceContactResult> {
    const key = data.trim();
    const number = ani.trim();
    if (key.length > DATA_MAX_LENGTH)
      throw new StoreError('INVALID_INPUT', `DATA is longer than ${DATA_MAX_LENGTH} characters`);
    if (number.length > ANI_MAX_LENGTH)
      throw new StoreError('INVALID_INPUT', `ANI is longer than ${ANI_MAX_LENGTH} characters`);
    if (CONTROL_CHARACTERS.test(key) || CONTROL_CHARACTERS.test(number))
      throw new StoreError('INVALID_INPUT', 'DATA and ANI must not contain control characters');
    const crmId = this.data.crmOfDatabase.get(databaseId);
    if (!crmId) throw new StoreError('DATABASE_NOT_FOUND', `database ${databaseId} does not exist`);
    if (key !== '') {
      const found = await this.contactByKey(crmId, key);
      if (found) return { clavesf: `${found.id}-${key}`, contactId: found.id, data: key, created: false };
    }
    const id = String(this.nextContactId++);
    // D1: with empty DATA the key becomes the new id, and CLAVESF is "idContacto-".
    // A private or anonymous caller has no number to store, but still gets a contact (D3).
    const row: ContactRow = {
      id,
      databaseId,
      crmId,
      key: key === '' ? id : key,
      phone: /[0-9]/.test(number) ? number : '',
      phone2: '',
      fields: {},
      status: 'new',
      attempts: 0,
      nextAttemptAt: null,
    };
    this.contacts.set(id, row);
    const fresh = this.fresh.get(databaseId) ?? { rows: [], cursor: 0 };
    fresh.rows.push(row);
    this.fresh.set(databaseId, fresh);
    return { clavesf: `${id}-${key}`, contactId: id, data: key, created: true };
  }

  async blacklisted(number: string): Promise<boolean> {
    return this.blacklist.has(number.trim());
  }

  addToBlacklist(number: string): void {
    this.blacklist.add(number);
  }

  /** Makes a user the contact's owner (D4 owner routing; the SQL store reads owner_user_id). */
  setOwner(contactId: string, userId: string | null): void {
    const row = this.contacts.get(contactId);
    if (row) row.ownerUserId = userId;
  }

  async lastCallId(): Promise<number> {
    return this.history.reduce((max, h) => Math.max(max, /^\d+$/.test(h.callId) ? Number(h.callId) : 0), 0);
  }

  async instanceId(): Promise<string> {
    return this.instance;
  }

  async reserveCallIds(count: number): Promise<{ first: number; last: number }> {
    if (!Number.isInteger(count) || count < 1)
      throw new StoreError('INVALID_INPUT', 'count must be at least 1');
    const from = Math.max(this.callIdsReserved, await this.lastCallId());
    this.callIdsReserved = from + count;
    return { first: from + 1, last: from + count };
  }

  async saveSession(session: StoredSession): Promise<void> {
    for (const [token, kept] of this.sessionRows)
      if (kept.userId === session.userId && token !== session.token) this.sessionRows.delete(token);
    this.sessionRows.set(session.token, { ...session });
  }

  async endSession(token: string): Promise<void> {
    this.sessionRows.delete(token);
  }

  async sessions(): Promise<StoredSession[]> {
    return [...this.sessionRows.values()].map((s) => ({ ...s }));
  }

  async recover(): Promise<void> {
    for (const row of this.contacts.values())
      if (row.status === 'dialing') {
        if (row.attempts === 0) this.markNew(row);
        else this.setRetry(row);
      }
    for (const row of this.schedules.values()) if (row.status === 'dialing') row.status = 'pending';
  }

  async campaignUpdate(campaignId: string, active: boolean | null, maxAbandonRate: number | null) {
    const campaign = this.campaign(campaignId);
    if (!campaign) throw new StoreError('CAMPAIGN_NOT_FOUND', `campaign ${campaignId}`);
    if (maxAbandonRate !== null && !(maxAbandonRate >= 0 && maxAbandonRate <= 1))
      throw new StoreError('INVALID_INPUT', 'the abandon target must be between 0 and 1');
    if (active !== null) campaign.active = active;
    if (maxAbandonRate !== null) campaign.maxAbandonRate = maxAbandonRate;
  }

  async close(): Promise<void> {
    // Nothing to release.
  }

  private campaign(id: string) {
    return this.data.campaigns.find((c) => c.id === id);
  }

  private pendingOf(contactId: string): ScheduleRow | undefined {
    return [...this.schedules.values()]
      .filter((s) => s.contactId === contactId && s.status === 'pending')
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
  }

  private campaignOfDatabase(databaseId: string): string | null {
    return this.data.campaigns.find((c) => c.databaseId === databaseId)?.id ?? null;
  }
}

function strip(row: ContactRow): StoredContact {
  return {
    id: row.id,
    databaseId: row.databaseId,
    crmId: row.crmId,
    key: row.key,
    phone: row.phone,
    phone2: row.phone2,
    fields: { ...row.fields },
    ownerUserId: row.ownerUserId ?? null,
  };
}
