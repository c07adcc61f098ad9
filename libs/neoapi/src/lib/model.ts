import { z } from 'zod';

/** An agent's state as the dialer sees it (issue 3's per-agent machine). */
export const NeoAgentStateSchema = z.enum([
  'logged_out',
  'idle',
  'available',
  'reserved',
  'talking',
  'wrap_up',
  'paused',
  'monitoring',
]);
export type NeoAgentState = z.infer<typeof NeoAgentStateSchema>;

export const NeoRoleSchema = z.enum(['agent', 'supervisor', 'admin']);
export type NeoRole = z.infer<typeof NeoRoleSchema>;

export const NeoDialerModeSchema = z.enum(['predictive', 'progressive', 'preview', 'manual']);
export type NeoDialerMode = z.infer<typeof NeoDialerModeSchema>;

export const NeoCallStateSchema = z.enum([
  'dialing',
  'ringing',
  'talking',
  'on_hold',
  'transferring',
  'in_conference',
  'ended',
]);
export type NeoCallState = z.infer<typeof NeoCallStateSchema>;

export const NeoDirectionSchema = z.enum(['inbound', 'outbound', 'internal']);
export type NeoDirection = z.infer<typeof NeoDirectionSchema>;

export const NeoMonitorModeSchema = z.enum(['listen', 'assist', 'barge']);
export type NeoMonitorMode = z.infer<typeof NeoMonitorModeSchema>;

/** Identifiers are strings on the wire, whatever the dialer stores. */
export const NeoIdSchema = z.string().min(1).max(64);

export const NeoBreakStateSchema = z.object({
  id: NeoIdSchema,
  /** As the platform shows it, e.g. "1 - Descanso". */
  name: z.string(),
  system: z.boolean(),
  productive: z.boolean(),
  /** Longest allowed stay in seconds; 0 means no limit. */
  maxSeconds: z.number().int().nonnegative(),
});
export type NeoBreakState = z.infer<typeof NeoBreakStateSchema>;

export const NeoCampaignSchema = z.object({
  id: NeoIdSchema,
  name: z.string(),
  dialerMode: NeoDialerModeSchema,
  crmId: NeoIdSchema,
  baseId: NeoIdSchema,
  active: z.boolean(),
  /** Target abandon rate of the predictive dialer, 0..1. */
  maxAbandonRate: z.number().min(0).max(1),
});
export type NeoCampaign = z.infer<typeof NeoCampaignSchema>;

export const NeoQueueSchema = z.object({
  id: NeoIdSchema,
  name: z.string(),
  crmId: NeoIdSchema,
  baseId: NeoIdSchema,
  /** Key field the search uses (D2), normally "Clave_1". */
  searchField: z.string(),
  /** What the key is (D2), normally "CLAVESF". */
  keyExpression: z.string(),
  serviceLevelSeconds: z.number().int().positive(),
  /**
   * Users logged in to the queue now (busy or not): a blind transfer to a
   * queue with none would only wait and be abandoned (issue 16 §2.10).
   * Absent from dialers that do not say; then nobody can tell.
   */
  loggedInUserIds: z.array(NeoIdSchema).optional(),
});
export type NeoQueue = z.infer<typeof NeoQueueSchema>;

export const NeoUserSchema = z.object({
  id: NeoIdSchema,
  user: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  roles: z.array(NeoRoleSchema),
  state: NeoAgentStateSchema,
  device: z.string().nullable(),
});
export type NeoUser = z.infer<typeof NeoUserSchema>;

export const NeoTransferNumberSchema = z.object({ number: z.string(), label: z.string() });
export type NeoTransferNumber = z.infer<typeof NeoTransferNumberSchema>;

export const NeoSubcategorySchema = z.object({ id: NeoIdSchema, name: z.string() });
export const NeoCategorySchema = z.object({
  id: NeoIdSchema,
  name: z.string(),
  /** A category that schedules a callback (agenda): the agent needs no Play after it (A4). */
  schedules: z.boolean(),
  subcategories: z.array(NeoSubcategorySchema),
});
export type NeoCategory = z.infer<typeof NeoCategorySchema>;

/**
 * The contact on the agent's screen, with the Neotel data names of the Call
 * Center's externalData (seed 004) kept verbatim, "callCampaing" included,
 * so that a mapping such as "neoContactId__c-contactId" reads straight off it.
 */
export const NeoContactSchema = z.object({
  contactId: NeoIdSchema,
  contactBaseId: NeoIdSchema,
  crmId: NeoIdSchema,
  /** Value of the key field (Clave_1); for inbound calls, the data part of CLAVESF. */
  crmKey: z.string(),
  phoneNumber: z.string(),
  callCampaing: z.string(),
  callDialer: z.string(),
  callId: z.string(),
  callQueue: z.string(),
  callReason: z.string(),
  campaignCrmId: z.string(),
  campaignBaseId: z.string(),
  userOutCampaign: z.string(),
  /** The contact's other fields in the dialer's CRM (name, e-mail, …). */
  fields: z.record(z.string(), z.string()),
});
export type NeoContact = z.infer<typeof NeoContactSchema>;

export const NeoTransferTargetSchema = z.object({
  kind: z.enum(['number', 'user', 'queue', 'campaign']),
  /** A phone number, a user id, a queue id or a campaign id. */
  id: z.string().min(1).max(64),
});
export type NeoTransferTarget = z.infer<typeof NeoTransferTargetSchema>;

export const NeoParticipantSchema = z.object({
  id: NeoIdSchema,
  kind: z.enum(['number', 'user']),
  address: z.string(),
  label: z.string(),
});
export type NeoParticipant = z.infer<typeof NeoParticipantSchema>;

export const NeoCallSchema = z.object({
  callId: NeoIdSchema,
  direction: NeoDirectionSchema,
  state: NeoCallStateSchema,
  /** The customer's number, or the other user for internal calls. */
  number: z.string(),
  campaignId: z.string().nullable(),
  queueId: z.string().nullable(),
  dialerMode: NeoDialerModeSchema.nullable(),
  startedAt: z.string(),
  answeredAt: z.string().nullable(),
  transfer: z
    .object({ mode: z.enum(['direct', 'attended']), target: NeoTransferTargetSchema, label: z.string() })
    .nullable(),
  participants: z.array(NeoParticipantSchema),
  recordingUrl: z.string().nullable(),
  /** The agent's microphone is muted (Mute); absent from a dialer that does not say: not muted. */
  muted: z.boolean().optional(),
});
export type NeoCall = z.infer<typeof NeoCallSchema>;

export const NeoAgentSchema = z.object({
  agentId: NeoIdSchema,
  user: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  device: z.string(),
  roles: z.array(NeoRoleSchema),
  state: NeoAgentStateSchema,
  stateSince: z.string(),
  breakState: NeoBreakStateSchema.pick({ id: true, name: true }).nullable(),
  campaignId: z.string().nullable(),
  queueIds: z.array(z.string()),
});
export type NeoAgent = z.infer<typeof NeoAgentSchema>;

/**
 * Which dialer answers, and which run of it (issue 15 §1, §9). `instanceId`
 * stays the same for the life of the dialer's database (a call is
 * `instanceId:callId` everywhere else, e.g. a Task's CallObject); `epoch`
 * changes at every start, when event seqs begin again. Optional: a dialer
 * that does not say is treated as one instance of one epoch.
 */
export const NeoDialerIdentitySchema = z.object({
  instanceId: z.string().min(1).max(100),
  epoch: z.string().min(1).max(100),
});
export type NeoDialerIdentity = z.infer<typeof NeoDialerIdentitySchema>;

/** What Position answers: everything needed to rebuild an agent's screen. */
export const NeoPositionSchema = z.object({
  /** Sequence number of the agent's last event; a push stream resumes after it. */
  seq: z.number().int().nonnegative(),
  dialer: NeoDialerIdentitySchema.optional(),
  agent: NeoAgentSchema,
  call: NeoCallSchema.nullable(),
  contact: NeoContactSchema.nullable(),
  monitoring: z.object({ targetAgentId: z.string(), mode: NeoMonitorModeSchema }).nullable(),
  monitoredBy: z.object({ supervisorId: z.string(), mode: NeoMonitorModeSchema }).nullable(),
});
export type NeoPosition = z.infer<typeof NeoPositionSchema>;
