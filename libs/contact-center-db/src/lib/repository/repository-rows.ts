import { toFields, toId, toIso, toNumber, type Row } from '../sql/sql-client';

/** What the dialer emulator reads: ids as strings, timestamps as ISO strings. */
export type Role = 'agent' | 'supervisor' | 'admin';
export type DialerMode = 'predictive' | 'progressive' | 'preview' | 'manual';
export type DialStatus = 'new' | 'retry' | 'dialing' | 'contacted' | 'done' | 'scheduled' | 'exhausted';
export type AttemptResult = 'answered' | 'no_answer' | 'busy' | 'failed' | 'abandoned' | 'cancelled';
export type ScheduleStatus = 'pending' | 'dialing' | 'done' | 'failed' | 'cancelled';
export type BlacklistTreatment = 'reject' | 'busy' | 'announcement' | 'allow';

export interface UserRow {
  id: string;
  login: string;
  displayName: string;
  email: string | null;
  roles: Role[];
  defaultDevice: string | null;
  active: boolean;
}
export interface UserWithHashRow extends UserRow {
  passwordHash: string;
}
export interface UserListRow extends UserRow {
  campaignIds: string[];
  queueIds: string[];
}
export interface DeviceRow {
  extension: string;
  description: string;
}
export interface BreakStateRow {
  id: string;
  name: string;
  system: boolean;
  productive: boolean;
  maxSeconds: number;
  sortOrder: number;
}
export interface CampaignRow {
  id: string;
  name: string;
  dialerMode: DialerMode;
  crmId: string;
  databaseId: string;
  active: boolean;
  maxAbandonRate: number;
  abandonSeconds: number;
  maxAttempts: number;
  retryMinutes: number;
  previewSeconds: number;
  maxDialRatio: number;
  userIds: string[];
}
export interface QueueRow {
  id: string;
  name: string;
  crmId: string;
  databaseId: string;
  searchField: string;
  keyExpression: string;
  serviceLevelSeconds: number;
  ivrData: 'ani' | 'input' | 'none';
  maxWaitSeconds: number;
  missedCallUserId: string | null;
  ownerRouting: boolean;
  ownerWaitSeconds: number;
  blacklistTreatment: BlacklistTreatment;
  userIds: string[];
}
export interface TransferNumberRow {
  number: string;
  label: string;
}
export interface DialerContactRow {
  id: string;
  databaseId: string;
  crmId: string;
  key: string;
  phone: string;
  phone2: string;
  data: Record<string, string>;
  dialStatus: DialStatus;
  createdAt: string;
  attempts: number;
  ownerUserId: string | null;
}
export interface ScheduleRow {
  id: string;
  contactId: string;
  campaignId: string | null;
  userId: string | null;
  at: string;
  number: string;
  note: string;
  status: ScheduleStatus;
}

const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
const ids = (value: unknown) => (Array.isArray(value) ? value.map(toId) : []);

export function toUser(row: Row): UserRow {
  return {
    id: toId(row['id']),
    login: String(row['login']),
    displayName: String(row['display_name']),
    email: text(row['email']),
    roles: (Array.isArray(row['roles']) ? row['roles'] : []) as Role[],
    defaultDevice: text(row['default_device']),
    active: row['active'] === true,
  };
}

export function toCampaign(row: Row): CampaignRow {
  return {
    id: toId(row['id']),
    name: String(row['name']),
    dialerMode: row['dialer_mode'] as DialerMode,
    crmId: toId(row['crm_id']),
    databaseId: toId(row['database_id']),
    active: row['active'] === true,
    maxAbandonRate: toNumber(row['max_abandon_rate']),
    abandonSeconds: toNumber(row['abandon_seconds']),
    maxAttempts: toNumber(row['max_attempts']),
    retryMinutes: toNumber(row['retry_minutes']),
    previewSeconds: toNumber(row['preview_seconds']),
    maxDialRatio: toNumber(row['max_dial_ratio']),
    userIds: ids(row['user_ids']),
  };
}

export function toQueue(row: Row): QueueRow {
  return {
    id: toId(row['id']),
    name: String(row['name']),
    crmId: toId(row['crm_id']),
    databaseId: toId(row['database_id']),
    searchField: String(row['search_field']),
    keyExpression: String(row['key_expression']),
    serviceLevelSeconds: toNumber(row['service_level_seconds']),
    ivrData: row['ivr_data'] as QueueRow['ivrData'],
    maxWaitSeconds: toNumber(row['max_wait_seconds']),
    missedCallUserId: text(row['missed_call_user_id']),
    ownerRouting: row['owner_routing'] === true,
    ownerWaitSeconds: toNumber(row['owner_wait_seconds']),
    blacklistTreatment: row['blacklist_treatment'] as BlacklistTreatment,
    userIds: ids(row['user_ids']),
  };
}

export function toDialerContact(row: Row): DialerContactRow {
  return {
    id: toId(row['id']),
    databaseId: toId(row['database_id']),
    crmId: toId(row['crm_id']),
    key: String(row['clave_1']),
    phone: String(row['phone'] ?? ''),
    phone2: String(row['phone2'] ?? ''),
    data: toFields(row['data']),
    dialStatus: row['dial_status'] as DialStatus,
    createdAt: toIso(row['created_at']) ?? '',
    attempts: toNumber(row['attempts']),
    ownerUserId: text(row['owner_user_id']),
  };
}

export function toSchedule(row: Row): ScheduleRow {
  return {
    id: toId(row['id']),
    contactId: toId(row['contact_id']),
    campaignId: text(row['campaign_id']),
    userId: text(row['user_id']),
    at: toIso(row['at']) ?? '',
    number: String(row['number']),
    note: String(row['note'] ?? ''),
    status: row['status'] as ScheduleStatus,
  };
}
