import type { NeoCategory, NeoTransferNumber } from '@puente/neoapi';
import {
  ContactCenterRepository,
  ContactDbError,
  PgContactDb,
  type SqlClient,
} from '@puente/contact-center-db';
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

/**
 * The dialer's store over the contact-center database's stored procedures
 * (@puente/contact-center-db): the repository for the dialer's own
 * procedures, the gateway's ContactDb adapter for D1, categories and keys.
 * PGlite on disk is what makes contacts, schedules and history survive a restart.
 */
export class SqlDialerStore implements DialerStore {
  private readonly repo: ContactCenterRepository;
  private readonly contactDb: PgContactDb;

  constructor(private readonly client: SqlClient) {
    this.repo = new ContactCenterRepository(client);
    this.contactDb = new PgContactDb(client);
  }

  async loadDirectory(): Promise<Directory> {
    const [users, devices, breaks, campaigns, queues] = await Promise.all([
      this.repo.users(),
      this.repo.devices(),
      this.repo.breakStates(),
      this.repo.campaigns(),
      this.repo.queues(),
    ]);
    // USERS_LIST carries no hashes: Login reads the hash with USER_BY_LOGIN when it needs one.
    const withHashes = await Promise.all(
      users.map(async (u) => ({
        ...u,
        passwordHash: (await this.repo.userByLogin(u.login))?.passwordHash ?? '',
      })),
    );
    return {
      users: withHashes,
      devices: devices.map((d) => d.extension),
      breakStates: breaks.map(({ sortOrder: _s, ...b }) => b),
      campaigns,
      queues: queues.map((q) => ({
        id: q.id,
        name: q.name,
        crmId: q.crmId,
        databaseId: q.databaseId,
        searchField: q.searchField,
        keyExpression: q.keyExpression,
        serviceLevelSeconds: q.serviceLevelSeconds,
        ivrData: q.ivrData,
        userIds: q.userIds,
        maxWaitSeconds: q.maxWaitSeconds,
        missedCallUserId: q.missedCallUserId,
        ownerRouting: q.ownerRouting,
        ownerWaitSeconds: q.ownerWaitSeconds,
        blacklistTreatment: q.blacklistTreatment,
      })),
    };
  }

  transferNumbers(campaignId: string): Promise<NeoTransferNumber[]> {
    return guard(this.repo.transferNumbers(campaignId));
  }

  async categories(crmId: string): Promise<NeoCategory[]> {
    return guard(this.contactDb.categories(crmId));
  }

  async contactGet(contactId: string): Promise<StoredContact | null> {
    if (!/^\d{1,18}$/.test(contactId)) return null;
    const row = await guard(this.repo.contact(contactId));
    return row ? toStored(row) : null;
  }

  async contactByKey(crmId: string, key: string): Promise<StoredContact | null> {
    if (!/^\d{1,18}$/.test(crmId)) return null;
    const row = await guard(this.contactDb.findContactByKey(crmId, key));
    // CONTACT_FIND_BY_KEY carries no owner; CONTACT_GET does, and owner routing (D4) needs it.
    return row ? this.contactGet(row.contactId) : null;
  }

  async nextToDial(campaignId: string, now: Date, max: number): Promise<StoredContact[]> {
    const rows = await guard(this.repo.nextContactsToDial(campaignId, now, max));
    return rows.map((r) => ({ ...toStored(r), attempts: r.attempts }));
  }

  async returnContact(contactId: string): Promise<void> {
    await guard(this.repo.returnContact(contactId));
  }

  async skipContact(contactId: string, campaignId: string, now: Date): Promise<void> {
    await guard(this.repo.skipContact(contactId, campaignId, now));
  }

  async attemptResult(contactId: string, campaignId: string | null, result: AttemptResult, now: Date) {
    await guard(this.repo.recordAttempt(contactId, campaignId, result, now));
  }

  async releaseContact(contactId: string): Promise<void> {
    await guard(this.repo.releaseContact(contactId));
  }

  async dispose(input: DispositionInput): Promise<{ scheduledFor: string | null }> {
    const result = await guard(this.repo.disposeCall({ ...input, userId: dbUser(input.userId) }));
    if (!result.scheduleId) return { scheduledFor: null };
    const schedules = await guard(this.repo.schedulesOfContact(input.contactId));
    return { scheduledFor: schedules.find((s) => s.id === result.scheduleId)?.at ?? null };
  }

  async noteCall(callId: string, contactId: string, note: string): Promise<number> {
    return guard(this.repo.noteCall(callId, contactId, note));
  }

  async scheduleInsert(input: ScheduleInput): Promise<string> {
    return (
      await guard(
        this.repo.insertSchedule({
          ...input,
          userId: dbUser(input.userId),
          createdBy: dbUser(input.createdBy),
        }),
      )
    ).id;
  }

  async schedulesDue(now: Date, max: number): Promise<DueSchedule[]> {
    const rows = await guard(this.repo.dueSchedules(now, max));
    return rows
      .filter((r) => r.campaignId !== null)
      .map((r) => ({
        id: r.id,
        contactId: r.contactId,
        campaignId: r.campaignId as string,
        userId: r.userId,
        at: r.at,
        number: r.number,
        note: r.note,
      }));
  }

  async scheduleTake(scheduleId: string): Promise<boolean> {
    return (await guard(this.repo.takeSchedule(scheduleId))) !== null;
  }

  async scheduleFinish(scheduleId: string, status: 'done' | 'failed' | 'pending'): Promise<void> {
    await guard(this.repo.finishSchedule(scheduleId, status));
  }

  async callHistoryInsert(leg: CallLegRecord): Promise<void> {
    await guard(this.repo.insertCallHistory({ ...leg, userId: dbUser(leg.userId) }));
  }

  async insertSalesforceContact(
    data: string,
    ani: string,
    databaseId: string,
  ): Promise<SalesforceContactResult> {
    const r = await guard(this.contactDb.insertSalesforceContact({ data, ani, databaseId }));
    return { clavesf: r.clavesf, contactId: r.contactId, data: r.data, created: r.created };
  }

  async blacklisted(number: string): Promise<boolean> {
    return (await guard(this.repo.blacklistCheck(number))).listed;
  }

  async lastCallId(): Promise<number> {
    return Number(await guard(this.repo.lastCallId())) || 0;
  }

  instanceId(): Promise<string> {
    return guard(this.repo.instanceId());
  }

  async reserveCallIds(count: number): Promise<{ first: number; last: number }> {
    const { first, last } = await guard(this.repo.reserveCallIds(count));
    return { first: Number(first), last: Number(last) };
  }

  async saveSession(session: StoredSession): Promise<void> {
    await guard(this.repo.saveSession(session));
  }

  async endSession(token: string): Promise<void> {
    await guard(this.repo.endSession(token));
  }

  sessions(): Promise<StoredSession[]> {
    return guard(this.repo.sessions());
  }

  async recover(): Promise<void> {
    await guard(this.repo.recover());
  }

  async campaignUpdate(campaignId: string, active: boolean | null, maxAbandonRate: number | null) {
    await guard(
      this.repo.updateCampaign(campaignId, {
        ...(active === null ? {} : { active }),
        ...(maxAbandonRate === null ? {} : { maxAbandonRate }),
      }),
    );
  }

  async close(): Promise<void> {
    // The client belongs to whoever opened it (the PGlite server).
  }
}

function toStored(row: {
  id: string;
  databaseId: string;
  crmId: string;
  key: string;
  phone: string;
  phone2: string;
  data: Record<string, string>;
  ownerUserId?: string | null;
}): StoredContact {
  return {
    id: row.id,
    databaseId: row.databaseId,
    crmId: row.crmId,
    key: row.key,
    phone: row.phone,
    phone2: row.phone2,
    fields: row.data,
    ownerUserId: row.ownerUserId ?? null,
  };
}

/** Bench users live in memory only, not in the users table: keep the row, drop the link. */
function dbUser(userId: string | null): string | null {
  return userId && /^\d{1,18}$/.test(userId) ? userId : null;
}

async function guard<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ContactDbError && error.code !== 'DATABASE_UNAVAILABLE' && error.code !== 'TIMEOUT')
      throw new StoreError(error.code, error.message);
    throw error;
  }
}
