import { z } from 'zod';
import { CrmViewSchema } from './crm';

/** Who a user is on the platform; comes from the dialer, never from the panel. */
export const RoleSchema = z.enum(['agent', 'supervisor', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

/**
 * What the system is doing with the agent (issue 3's per-agent machine).
 * `reserved`: a call or a contact is assigned and not yet connected.
 */
export const AgentActivitySchema = z.enum([
  'logged_out',
  'idle',
  'available',
  'reserved',
  'talking',
  'wrap_up',
  'paused',
  'monitoring',
]);
export type AgentActivity = z.infer<typeof AgentActivitySchema>;

export const CallDirectionSchema = z.enum(['inbound', 'outbound', 'internal']);
export type CallDirection = z.infer<typeof CallDirectionSchema>;

export const CallStatusSchema = z.enum([
  'dialing',
  'ringing',
  'talking',
  'on_hold',
  'transferring',
  'in_conference',
  'ended',
]);
export type CallStatus = z.infer<typeof CallStatusSchema>;

export const DialerModeSchema = z.enum(['predictive', 'progressive', 'preview', 'manual', 'inbound']);
export type DialerMode = z.infer<typeof DialerModeSchema>;

export const BreakStateSchema = z.object({ id: z.string(), name: z.string() });
export type BreakState = z.infer<typeof BreakStateSchema>;

export const TransferTargetSchema = z.object({
  kind: z.enum(['number', 'user', 'queue', 'campaign']),
  /** The number, user id, queue id or campaign id. */
  id: z.string(),
  label: z.string(),
});
export type TransferTarget = z.infer<typeof TransferTargetSchema>;

export const TransferModeSchema = z.enum(['direct', 'attended']);
export type TransferMode = z.infer<typeof TransferModeSchema>;

export const ParticipantSchema = z.object({
  id: z.string(),
  kind: z.enum(['number', 'user']),
  address: z.string(),
  label: z.string(),
});
export type Participant = z.infer<typeof ParticipantSchema>;

export const MonitorModeSchema = z.enum(['listen', 'assist', 'barge']);
export type MonitorMode = z.infer<typeof MonitorModeSchema>;

/**
 * The dialer's data about the contact on screen (C3, C9). `lastCallId` is
 * "0" once the call ends, as the Neotel connector shows it: the same contact
 * may get several calls in one piece of work.
 */
export const ContactDataSchema = z.object({
  lastCallId: z.string(),
  contactId: z.string(),
  databaseId: z.string(),
  crmId: z.string(),
  /** Value of the key field (Clave_1 / CLAVESF data) the CRM search uses. */
  crmKey: z.string(),
  phoneNumber: z.string(),
  campaignId: z.string().nullable(),
  queueId: z.string().nullable(),
  callReason: z.string().nullable(),
  /**
   * Every Neotel data name of the call (callCampaing, callDialer, campaignCrmId…,
   * seed 004) as the dialer gave it: what externalData and defaultNewRowData map.
   */
  externalData: z.record(z.string(), z.string()),
});
export type ContactData = z.infer<typeof ContactDataSchema>;

export const CallStateSchema = z.object({
  callId: z.string(),
  direction: CallDirectionSchema,
  status: CallStatusSchema,
  /** The other party: the customer's number, or a user for internal calls. */
  party: z.string(),
  dialerMode: DialerModeSchema.nullable(),
  campaignId: z.string().nullable(),
  queueId: z.string().nullable(),
  startedAt: z.string(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  endCause: z.string().nullable(),
  /** Set while on hold; holdSeconds accumulates closed hold periods. */
  heldSince: z.string().nullable(),
  holdSeconds: z.number().nonnegative(),
  transfer: z
    .object({ mode: TransferModeSchema, target: TransferTargetSchema, since: z.string() })
    .nullable(),
  conference: z.object({ participants: z.array(ParticipantSchema) }).nullable(),
  dtmf: z.string(),
  /**
   * The dialer's link to the call's recording (C16): null when the dialer
   * does not record the call; absent in states reduced before it existed.
   */
  recordingUrl: z.string().nullable().optional(),
  /** The agent's microphone is muted on the call (issue 16 §3); absent: not muted. */
  muted: z.boolean().optional(),
  /** The agent paused the call's recording (ExecuteTask02); absent: recording as the dialer does. */
  recordingPaused: z.boolean().optional(),
});
export type CallState = z.infer<typeof CallStateSchema>;

export const AgentSessionSchema = z.object({
  user: z.string(),
  device: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  roles: z.array(RoleSchema),
  loggedInAt: z.string(),
});
export type AgentSession = z.infer<typeof AgentSessionSchema>;

export const AgentStateSchema = z.object({
  agentId: z.string(),
  /** Sequence number of the last event applied. */
  seq: z.number().int().nonnegative(),
  session: AgentSessionSchema.nullable(),
  activity: AgentActivitySchema,
  activitySince: z.string().nullable(),
  breakState: BreakStateSchema.nullable(),
  campaign: z.object({ id: z.string(), name: z.string(), dialerMode: DialerModeSchema }).nullable(),
  call: CallStateSchema.nullable(),
  contact: ContactDataSchema.nullable(),
  /** Salesforce view of the current or last call: pop decision, caller card, linked record. */
  crm: CrmViewSchema.nullable(),
  /** When the contact will be released automatically after hang-up (C6 automaticContactRelease). */
  autoReleaseAt: z.string().nullable(),
  /** What this user (a supervisor) is monitoring. */
  monitoring: z.object({ targetAgentId: z.string(), mode: MonitorModeSchema }).nullable(),
  /** Who is monitoring this agent. */
  monitoredBy: z.object({ supervisorId: z.string(), mode: MonitorModeSchema }).nullable(),
  /** The agent's open request for a supervisor's help (issue 16 §3); absent or null: none. */
  help: z
    .object({ callId: z.string().nullable(), reason: z.string(), since: z.string() })
    .nullable()
    .optional(),
  dialerStatus: z.enum(['up', 'down']),
  lastError: z.object({ code: z.string(), message: z.string(), at: z.string() }).nullable(),
});
export type AgentState = z.infer<typeof AgentStateSchema>;

export function initialAgentState(agentId: string): AgentState {
  return {
    agentId,
    seq: 0,
    session: null,
    activity: 'logged_out',
    activitySince: null,
    breakState: null,
    campaign: null,
    call: null,
    contact: null,
    autoReleaseAt: null,
    crm: null,
    monitoring: null,
    monitoredBy: null,
    dialerStatus: 'up',
    lastError: null,
  };
}
