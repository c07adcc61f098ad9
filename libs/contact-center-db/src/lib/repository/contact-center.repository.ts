import { toPgContactDbError } from '../adapters/pg-contact-db';
import { callProcedure, type ProcedureArgs, type ProcedureName } from '../sql/procedures';
import { toId, toNumber, type Row, type SqlQueryable } from '../sql/sql-client';
import { checkPassword } from './passwords';
import {
  toCampaign,
  toDialerContact,
  toQueue,
  toSchedule,
  toUser,
  type AttemptResult,
  type BreakStateRow,
  type CampaignRow,
  type DeviceRow,
  type DialerContactRow,
  type DialStatus,
  type QueueRow,
  type ScheduleRow,
  type ScheduleStatus,
  type TransferNumberRow,
  type UserListRow,
  type UserRow,
  type UserWithHashRow,
} from './repository-rows';

export interface CallHistoryInput {
  callId: string;
  leg?: number;
  contactId?: string | null;
  campaignId?: string | null;
  queueId?: string | null;
  userId?: string | null;
  direction: 'inbound' | 'outbound' | 'internal';
  dialerMode?: string | null;
  callReason?: string | null;
  number: string;
  startedAt: Date | string;
  answeredAt?: Date | string | null;
  endedAt: Date | string;
  talkSeconds?: number;
  holdSeconds?: number;
  cause: string;
  dtmf?: string | null;
  recordingUrl?: string | null;
}

export interface DispositionInput {
  contactId: string;
  callId?: string | null;
  userId?: string | null;
  campaignId?: string | null;
  categoryId: string;
  subcategoryId?: string | null;
  note?: string | null;
  now: Date | string;
  /** The callback time the agent picked for an agenda category; default: the category's delay. */
  at?: Date | string | null;
}

export interface DispositionResult {
  dialStatus: DialStatus;
  schedules: boolean;
  scheduleId: string | null;
  historyRows: number;
}

export interface ScheduleInput {
  contactId: string;
  campaignId?: string | null;
  /** The agent who gets the callback; null: anyone in the campaign (B8). */
  userId?: string | null;
  at: Date | string;
  /** Defaults to the contact's phone. */
  number?: string | null;
  note?: string | null;
  createdBy?: string | null;
}

/**
 * The dialer emulator's typed access to the contact-center database: one
 * method per procedure of PROCEDURES (STYLE #7), over PGlite or PostgreSQL.
 * Refusals arrive as ContactDbError with the catalogue's codes.
 */
/** An agent's dialer session as kept in the database (issue 15 §1). */
export interface DialerSessionRow {
  token: string;
  userId: string;
  device: string;
  campaignId: string | null;
}

export class ContactCenterRepository {
  constructor(readonly db: SqlQueryable) {}

  async userByLogin(login: string): Promise<UserWithHashRow | null> {
    const [row] = await this.call('USER_BY_LOGIN', { LOGIN: login });
    return row ? { ...toUser(row), passwordHash: String(row['password_hash']) } : null;
  }

  /**
   * The user when login and password match an active user; null otherwise,
   * never saying which was wrong, in words or in time (an unknown or inactive
   * user costs the same password check).
   */
  async verifyLogin(login: string, password: string): Promise<UserRow | null> {
    const user = await this.userByLogin(login);
    const matches = await checkPassword(password, user?.passwordHash);
    if (!user || !user.active || !matches) return null;
    const { passwordHash: _hash, ...rest } = user;
    return rest;
  }

  async users(): Promise<UserListRow[]> {
    return (await this.call('USERS_LIST', {})).map((row) => ({
      ...toUser(row),
      campaignIds: (row['campaign_ids'] as unknown[]).map(toId),
      queueIds: (row['queue_ids'] as unknown[]).map(toId),
    }));
  }

  async deviceExists(extension: string): Promise<boolean> {
    const [row] = await this.call('DEVICE_EXISTS', { EXTENSION: extension });
    return row?.['found'] === true;
  }

  async devices(): Promise<DeviceRow[]> {
    return (await this.call('DEVICES_LIST', {})).map((row) => ({
      extension: String(row['extension']),
      description: String(row['description']),
    }));
  }

  async breakStates(): Promise<BreakStateRow[]> {
    return (await this.call('BREAK_STATES_LIST', {})).map((row) => ({
      id: toId(row['id']),
      name: String(row['name']),
      system: row['system'] === true,
      productive: row['productive'] === true,
      maxSeconds: toNumber(row['max_seconds']),
      sortOrder: toNumber(row['sort_order']),
    }));
  }

  async campaigns(): Promise<CampaignRow[]> {
    return (await this.call('CAMPAIGNS_LIST', {})).map(toCampaign);
  }

  /** Omitted values stay as they are. */
  async updateCampaign(
    campaignId: string,
    change: { active?: boolean; maxAbandonRate?: number },
  ): Promise<{ active: boolean; maxAbandonRate: number }> {
    const [row] = await this.call('CAMPAIGN_UPDATE', {
      IDCAMPAIGN: campaignId,
      ACTIVE: change.active ?? null,
      MAXABANDONRATE: change.maxAbandonRate ?? null,
    });
    return { active: row['active'] === true, maxAbandonRate: toNumber(row['max_abandon_rate']) };
  }

  async queues(): Promise<QueueRow[]> {
    return (await this.call('QUEUES_LIST', {})).map(toQueue);
  }

  async transferNumbers(campaignId: string): Promise<TransferNumberRow[]> {
    return (await this.call('TRANSFER_NUMBERS_LIST', { IDCAMPAIGN: campaignId })).map((row) => ({
      number: String(row['number']),
      label: String(row['label']),
    }));
  }

  async contact(contactId: string): Promise<DialerContactRow | null> {
    const [row] = await this.call('CONTACT_GET', { IDCONTACT: contactId });
    return row ? toDialerContact(row) : null;
  }

  /** Reserves them (dial status "dialing") so two pacers never dial one contact; see returnContact / recover. */
  async nextContactsToDial(
    campaignId: string,
    now: Date | string,
    maxRows: number,
  ): Promise<DialerContactRow[]> {
    const rows = await this.call('CONTACTS_NEXT_TO_DIAL', {
      IDCAMPAIGN: campaignId,
      NOW: now,
      MAXROWS: maxRows,
    });
    return rows.map(toDialerContact);
  }

  /** Null when the contact was not reserved. */
  async returnContact(contactId: string): Promise<DialStatus | null> {
    const [row] = await this.call('CONTACT_RETURN', { IDCONTACT: contactId });
    return row ? (row['dial_status'] as DialStatus) : null;
  }

  /** A skipped preview (B7): not due again before the campaign's retry interval. Null when not reserved. */
  async skipContact(
    contactId: string,
    campaignId: string | null,
    now: Date | string,
  ): Promise<DialStatus | null> {
    const [row] = await this.call('CONTACT_SKIP', { IDCONTACT: contactId, IDCAMPAIGN: campaignId, NOW: now });
    return row ? (row['dial_status'] as DialStatus) : null;
  }

  async recordAttempt(
    contactId: string,
    campaignId: string | null,
    result: AttemptResult,
    now: Date | string,
  ): Promise<{ dialStatus: DialStatus; attempts: number }> {
    const [row] = await this.call('CONTACT_ATTEMPT_RESULT', {
      IDCONTACT: contactId,
      IDCAMPAIGN: campaignId,
      RESULT: result,
      NOW: now,
    });
    return { dialStatus: row['dial_status'] as DialStatus, attempts: toNumber(row['attempts']) };
  }

  async releaseContact(contactId: string): Promise<DialStatus> {
    const [row] = await this.call('CONTACT_RELEASE', { IDCONTACT: contactId });
    return row['dial_status'] as DialStatus;
  }

  /** Idempotent per (callId, leg): a retried write updates the same row. Returns the row id. */
  async insertCallHistory(call: CallHistoryInput): Promise<string> {
    const [row] = await this.call('CALL_HISTORY_INSERT', {
      CALLID: call.callId,
      LEG: call.leg ?? 0,
      IDCONTACT: call.contactId ?? null,
      IDCAMPAIGN: call.campaignId ?? null,
      IDQUEUE: call.queueId ?? null,
      IDUSER: call.userId ?? null,
      DIRECTION: call.direction,
      DIALERMODE: call.dialerMode ?? null,
      CALLREASON: call.callReason ?? null,
      NUMBER: call.number,
      STARTEDAT: call.startedAt,
      ANSWEREDAT: call.answeredAt ?? null,
      ENDEDAT: call.endedAt,
      TALKSECONDS: Math.round(call.talkSeconds ?? 0),
      HOLDSECONDS: Math.round(call.holdSeconds ?? 0),
      CAUSE: call.cause,
      DTMF: call.dtmf ?? null,
      RECORDINGURL: call.recordingUrl ?? null,
    });
    return toId(row['id']);
  }

  /** UpdateContact (C5): the category must belong to the contact's CRM; agenda categories schedule. */
  async disposeCall(input: DispositionInput): Promise<DispositionResult> {
    const [row] = await this.call('CALL_DISPOSITION', {
      IDCONTACT: input.contactId,
      CALLID: input.callId ?? null,
      IDUSER: input.userId ?? null,
      IDCAMPAIGN: input.campaignId ?? null,
      IDCATEGORY: input.categoryId,
      IDSUBCATEGORY: input.subcategoryId ?? null,
      NOTE: input.note ?? null,
      NOW: input.now,
      AT: input.at ?? null,
    });
    return {
      dialStatus: row['dial_status'] as DialStatus,
      schedules: row['schedules'] === true,
      scheduleId: row['schedule_id'] === null ? null : toId(row['schedule_id']),
      historyRows: toNumber(row['history_rows']),
    };
  }

  /** The note on a call's legs (Schedule_Callback, Release_Contact); how many legs it reached. */
  async noteCall(callId: string, contactId: string, note: string): Promise<number> {
    const [row] = await this.call('CALL_HISTORY_NOTE', { CALLID: callId, IDCONTACT: contactId, NOTE: note });
    return toNumber(row['history_rows']);
  }

  /** AGENDAR (B8); replaces the contact's pending callback, if any. */
  async insertSchedule(input: ScheduleInput): Promise<ScheduleRow> {
    const [row] = await this.call('SCHEDULE_INSERT', {
      IDCONTACT: input.contactId,
      IDCAMPAIGN: input.campaignId ?? null,
      IDUSER: input.userId ?? null,
      AT: input.at,
      NUMBER: input.number ?? null,
      NOTE: input.note ?? null,
      CREATEDBY: input.createdBy ?? null,
    });
    return toSchedule(row);
  }

  async dueSchedules(now: Date | string, maxRows: number): Promise<ScheduleRow[]> {
    return (await this.call('SCHEDULES_DUE', { NOW: now, MAXROWS: maxRows })).map(toSchedule);
  }

  /** Null when another dialler took it first. */
  async takeSchedule(scheduleId: string): Promise<ScheduleRow | null> {
    const [row] = await this.call('SCHEDULE_TAKE', { IDSCHEDULE: scheduleId });
    return row ? toSchedule(row) : null;
  }

  /** Null when there is no such callback. */
  async finishSchedule(
    scheduleId: string,
    status: Exclude<ScheduleStatus, 'dialing'>,
  ): Promise<ScheduleStatus | null> {
    const [row] = await this.call('SCHEDULE_FINISH', { IDSCHEDULE: scheduleId, STATUS: status });
    return row ? (row['status'] as ScheduleStatus) : null;
  }

  async schedulesOfContact(contactId: string): Promise<ScheduleRow[]> {
    return (await this.call('SCHEDULES_OF_CONTACT', { IDCONTACT: contactId })).map(toSchedule);
  }

  async blacklistCheck(number: string): Promise<{ listed: boolean; reason: string | null }> {
    const [row] = await this.call('BLACKLIST_CHECK', { NUMBER: number });
    return { listed: row?.['listed'] === true, reason: (row?.['reason'] as string | null) ?? null };
  }

  /** Contacts by dial status, plus "callbacks_pending". */
  async campaignFigures(campaignId: string): Promise<Record<string, number>> {
    const rows = await this.call('CAMPAIGN_CONTACT_FIGURES', { IDCAMPAIGN: campaignId });
    return Object.fromEntries(rows.map((row) => [String(row['dial_status']), toNumber(row['contacts'])]));
  }

  /** After a restart: what was left reserved goes back to the pool. */
  async recover(): Promise<{ contacts: number; schedules: number }> {
    const [row] = await this.call('DIALER_RECOVER', {});
    return { contacts: toNumber(row['contacts']), schedules: toNumber(row['schedules']) };
  }

  /** The highest numeric call id written so far (0 when none), as a string: it may pass 2^53. */
  async lastCallId(): Promise<string> {
    const [row] = await this.call('CALL_ID_LAST', {});
    return toId(row?.['last_id'] ?? 0);
  }

  /** This dialer's instance id: made on first use, then the same for the life of the database. */
  async instanceId(): Promise<string> {
    const [row] = await this.call('DIALER_INSTANCE_GET', {});
    return String(row?.['instance_id']);
  }

  /** Reserves `count` call ids no run has handed out or will (strings: they may pass 2^53). */
  async reserveCallIds(count: number): Promise<{ first: string; last: string }> {
    const [row] = await this.call('CALL_IDS_RESERVE', { COUNT: count });
    return { first: toId(row?.['first_id']), last: toId(row?.['last_id']) };
  }

  /** Keeps an agent's session (one per user: an older one of the same user is dropped). */
  async saveSession(session: DialerSessionRow): Promise<void> {
    await this.call('DIALER_SESSION_SAVE', {
      TOKEN: session.token,
      IDUSER: session.userId,
      DEVICE: session.device,
      IDCAMPAIGN: session.campaignId,
    });
  }

  async endSession(token: string): Promise<void> {
    await this.call('DIALER_SESSION_END', { TOKEN: token });
  }

  async sessions(): Promise<DialerSessionRow[]> {
    return (await this.call('DIALER_SESSIONS_LIST', {})).map((row) => ({
      token: String(row['token']),
      userId: String(row['user_id']),
      device: String(row['device']),
      campaignId: row['campaign_id'] === null ? null : String(row['campaign_id']),
    }));
  }

  private async call<N extends ProcedureName>(name: N, args: ProcedureArgs<N>): Promise<Row[]> {
    try {
      return await callProcedure(this.db, name, args);
    } catch (error) {
      throw toPgContactDbError(error);
    }
  }
}
