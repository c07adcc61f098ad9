import type {
  NeoBreakState,
  NeoCategory,
  NeoDialerMode,
  NeoDirection,
  NeoRole,
  NeoTransferNumber,
} from '@puente/neoapi';

/**
 * The dialer engine's narrow view of the contact-center database. Two
 * implementations: `SqlDialerStore` over the stored procedures of
 * @puente/contact-center-db (PGlite, persisted; what `npm start` runs) and
 * `MemoryDialerStore` (the same rules in plain maps, for `simulate` and fast
 * engine tests). Each method is one procedure of the catalogue.
 */
export interface DialerStore {
  /** Users, devices, break states, campaigns and queues: read once at start (USERS_LIST, …). */
  loadDirectory(): Promise<Directory>;
  transferNumbers(campaignId: string): Promise<NeoTransferNumber[]>;
  categories(crmId: string): Promise<NeoCategory[]>;
  contactGet(contactId: string): Promise<StoredContact | null>;
  contactByKey(crmId: string, key: string): Promise<StoredContact | null>;
  /** CONTACTS_NEXT_TO_DIAL: reserves them (status dialing) until a result or a return. */
  nextToDial(campaignId: string, now: Date, max: number): Promise<StoredContact[]>;
  returnContact(contactId: string): Promise<void>;
  /** CONTACT_SKIP: a previewed contact the agent skipped, not due again before the retry interval (B7). */
  skipContact(contactId: string, campaignId: string, now: Date): Promise<void>;
  attemptResult(
    contactId: string,
    campaignId: string | null,
    result: AttemptResult,
    now: Date,
  ): Promise<void>;
  releaseContact(contactId: string): Promise<void>;
  /** CALL_DISPOSITION; an agenda category schedules the callback itself. */
  dispose(input: DispositionInput): Promise<{ scheduledFor: string | null }>;
  scheduleInsert(input: ScheduleInput): Promise<string>;
  /** CALL_HISTORY_NOTE: the agent's note on a call not categorised; how many of its legs it reached. */
  noteCall(callId: string, contactId: string, note: string): Promise<number>;
  schedulesDue(now: Date, max: number): Promise<DueSchedule[]>;
  /** SCHEDULE_TAKE: false when someone else already took it. */
  scheduleTake(scheduleId: string): Promise<boolean>;
  scheduleFinish(scheduleId: string, status: 'done' | 'failed' | 'pending'): Promise<void>;
  callHistoryInsert(leg: CallLegRecord): Promise<void>;
  /** D1 CONTACTO_INSERT_SALESFORCE(@DATA, @ANI, @IDDATABASE). */
  insertSalesforceContact(data: string, ani: string, databaseId: string): Promise<SalesforceContactResult>;
  blacklisted(number: string): Promise<boolean>;
  lastCallId(): Promise<number>;
  /** DIALER_INSTANCE_GET: this dialer's id for the life of its database (issue 15 §9). */
  instanceId(): Promise<string>;
  /** CALL_IDS_RESERVE: the next `count` call ids, never handed out before (issue 15 §9). */
  reserveCallIds(count: number): Promise<{ first: number; last: number }>;
  /** DIALER_SESSION_SAVE / _END / _LIST: sessions outlive a restart (issue 15 §1). */
  saveSession(session: StoredSession): Promise<void>;
  endSession(token: string): Promise<void>;
  sessions(): Promise<StoredSession[]>;
  /** DIALER_RECOVER: contacts and callbacks a crash left reserved go back to the pool. */
  recover(): Promise<void>;
  campaignUpdate(campaignId: string, active: boolean | null, maxAbandonRate: number | null): Promise<void>;
  close(): Promise<void>;
}

export type AttemptResult = 'answered' | 'no_answer' | 'busy' | 'failed' | 'abandoned' | 'cancelled';

export interface StoredSession {
  token: string;
  userId: string;
  device: string;
  campaignId: string | null;
}

export interface StoredUser {
  id: string;
  login: string;
  displayName: string;
  email: string | null;
  passwordHash: string;
  roles: NeoRole[];
  defaultDevice: string | null;
  active: boolean;
  campaignIds: string[];
  queueIds: string[];
}

export interface StoredCampaign {
  id: string;
  name: string;
  dialerMode: NeoDialerMode;
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

export interface StoredQueue {
  id: string;
  name: string;
  crmId: string;
  databaseId: string;
  searchField: string;
  keyExpression: string;
  serviceLevelSeconds: number;
  /** What the IVR passes as @DATA: the caller's number, digits typed, or nothing. */
  ivrData: 'ani' | 'input' | 'none';
  userIds: string[];
  /** A caller still waiting after this long leaves the queue (a missed call, cause max_wait). */
  maxWaitSeconds: number;
  /** D4: the one user a missed call's Task is for; null: no Task. */
  missedCallUserId: string | null;
  /** D4: a caller whose contact has an owner is kept for that owner first… */
  ownerRouting: boolean;
  /** …for up to this long while the owner is busy, then offered to anyone. */
  ownerWaitSeconds: number;
  /** D4: what the IVR does with a blacklisted caller. */
  blacklistTreatment: BlacklistTreatment;
}

/** reject: hang up at once; busy: a busy tone; announcement: a message, then hang up; allow: queue as usual. */
export type BlacklistTreatment = 'reject' | 'busy' | 'announcement' | 'allow';

export interface Directory {
  users: StoredUser[];
  devices: string[];
  breakStates: NeoBreakState[];
  campaigns: StoredCampaign[];
  queues: StoredQueue[];
}

export interface StoredContact {
  id: string;
  databaseId: string;
  crmId: string;
  key: string;
  phone: string;
  phone2: string;
  fields: Record<string, string>;
  /** The user who owns the customer (D4 owner routing); null or absent: nobody. */
  ownerUserId?: string | null;
  /** Dial attempts so far (set by nextToDial). */
  attempts?: number;
}

export interface DispositionInput {
  contactId: string;
  callId: string | null;
  userId: string;
  campaignId: string | null;
  categoryId: string;
  subcategoryId: string | null;
  note: string;
  now: Date;
  /** An agenda category's callback time, as the agent picked it; null: the category's delay. */
  at: Date | null;
}

export interface ScheduleInput {
  contactId: string;
  campaignId: string;
  /** The agent the callback belongs to; null: anyone in the campaign. */
  userId: string | null;
  at: Date;
  number: string;
  note: string;
  createdBy: string;
}

export interface DueSchedule {
  id: string;
  contactId: string;
  campaignId: string;
  userId: string | null;
  at: string;
  number: string;
  note: string;
}

export interface CallLegRecord {
  callId: string;
  leg: number;
  contactId: string | null;
  campaignId: string | null;
  queueId: string | null;
  userId: string | null;
  direction: NeoDirection;
  dialerMode: NeoDialerMode | null;
  callReason: string;
  number: string;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date;
  talkSeconds: number;
  holdSeconds: number;
  cause: string;
  dtmf: string;
  recordingUrl: string | null;
}

export interface SalesforceContactResult {
  clavesf: string;
  contactId: string;
  data: string;
  created: boolean;
}

/** A refusal of the database, with the procedure's stable code. */
export class StoreError extends Error {
  constructor(
    readonly code:
      | 'CONTACT_NOT_FOUND'
      | 'CATEGORY_NOT_FOUND'
      | 'SUBCATEGORY_NOT_FOUND'
      | 'DATABASE_NOT_FOUND'
      | 'CRM_NOT_FOUND'
      | 'CAMPAIGN_NOT_FOUND'
      | 'INVALID_INPUT',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
