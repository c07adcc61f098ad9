import { z } from 'zod';
import { CrmObjectSchema, CrmViewSchema } from './crm';
import {
  AgentActivitySchema,
  AgentSessionSchema,
  BreakStateSchema,
  CallDirectionSchema,
  ContactDataSchema,
  DialerModeSchema,
  MonitorModeSchema,
  ParticipantSchema,
  TransferModeSchema,
  TransferTargetSchema,
} from './agent-state';

/**
 * Payload schema of every event an agent's panel (and the supervisor board)
 * can receive. Keys are the event `type`; the map is the single source of
 * truth for the socket.io typings and the reducer.
 */
export const AgentEventPayloadSchemas = {
  'agent.logged_in': AgentSessionSchema.omit({ loggedInAt: true }),
  'agent.logged_out': z.object({ reason: z.enum(['user', 'replaced', 'forced', 'expired']) }),
  'agent.state_changed': z.object({ activity: AgentActivitySchema, breakState: BreakStateSchema.nullable() }),
  'agent.campaign_joined': z.object({
    campaignId: z.string(),
    campaignName: z.string(),
    dialerMode: DialerModeSchema,
  }),
  'agent.campaign_left': z.object({ campaignId: z.string() }),
  'call.offered': z.object({
    callId: z.string(),
    direction: CallDirectionSchema,
    party: z.string(),
    dialerMode: DialerModeSchema.nullable(),
    campaignId: z.string().nullable(),
    queueId: z.string().nullable(),
    /** `dialing`: the agent's own call or a preview being dialed; `ringing`: offered to the agent. */
    status: z.enum(['dialing', 'ringing']),
    contact: ContactDataSchema.nullable(),
    /** The dialer's recording link, when it records the call (C16). */
    recordingUrl: z.string().nullable().optional(),
  }),
  'call.answered': z.object({ callId: z.string() }),
  'call.held': z.object({ callId: z.string() }),
  'call.resumed': z.object({ callId: z.string() }),
  /** The agent's microphone muted / unmuted on the call (issue 16 §3). */
  'call.muted': z.object({ callId: z.string() }),
  'call.unmuted': z.object({ callId: z.string() }),
  'call.dtmf_sent': z.object({ callId: z.string(), digits: z.string() }),
  'call.transfer_started': z.object({
    callId: z.string(),
    mode: TransferModeSchema,
    target: TransferTargetSchema,
  }),
  'call.transfer_ended': z.object({
    callId: z.string(),
    outcome: z.enum(['completed', 'cancelled', 'failed']),
  }),
  'call.conference_started': z.object({ callId: z.string() }),
  'call.participant_joined': z.object({ callId: z.string(), participant: ParticipantSchema }),
  'call.participant_left': z.object({ callId: z.string(), participantId: z.string() }),
  'call.conference_ended': z.object({ callId: z.string() }),
  'call.ended': z.object({ callId: z.string(), cause: z.string() }),
  'contact.updated': z.object({ contact: ContactDataSchema }),
  'contact.released': z.object({
    contactId: z.string(),
    categoryId: z.string().nullable(),
    subcategoryId: z.string().nullable(),
    scheduledFor: z.string().nullable(),
  }),
  /** automaticContactRelease: the contact will be released at `at` unless the agent acts (null: cancelled). */
  'contact.auto_release': z.object({ contactId: z.string(), at: z.string().nullable() }),
  /**
   * The gateway's Salesforce search for the call and what to pop (C1, C2,
   * C14), with how long the decision took and how much of that was spent
   * waiting for Salesforce: a slow pop can be told apart from a slow org.
   */
  'crm.pop': CrmViewSchema.omit({ linked: true }).extend({
    timing: z
      .object({ totalMs: z.number().nonnegative(), salesforceMs: z.number().nonnegative() })
      .optional(),
  }),
  /** A record was linked to the call: picked by the agent among several matches (issue 16 §2.3), or created in Salesforce and synced (C4). */
  'crm.record_linked': z.object({
    callId: z.string(),
    objectType: CrmObjectSchema,
    recordId: z.string(),
    name: z.string(),
  }),
  /** The call's recording paused or resumed by the agent (ExecuteTask02/03, issue 16 §3). */
  'call.recording': z.object({ callId: z.string(), paused: z.boolean() }),
  /** The agent asked a supervisor for help (ExecuteTask05, issue 16 §3): flagged on the board until answered. */
  'agent.help_requested': z.object({ callId: z.string().nullable(), reason: z.string() }),
  /** The request for help is over: a supervisor monitors the agent, or the agent withdrew it. */
  'agent.help_ended': z.object({ reason: z.enum(['monitored', 'withdrawn']) }),
  'monitoring.started': z.object({ targetAgentId: z.string(), mode: MonitorModeSchema }),
  'monitoring.ended': z.object({ targetAgentId: z.string() }),
  'agent.monitored': z.object({ supervisorId: z.string(), mode: MonitorModeSchema }),
  'agent.unmonitored': z.object({ supervisorId: z.string() }),
  'system.dialer_status': z.object({ status: z.enum(['up', 'down']) }),
  'system.error': z.object({ code: z.string(), message: z.string() }),
} as const;

export type AgentEventType = keyof typeof AgentEventPayloadSchemas;
export type AgentEventPayloads = { [K in AgentEventType]: z.infer<(typeof AgentEventPayloadSchemas)[K]> };
export const AGENT_EVENT_TYPES = Object.keys(AgentEventPayloadSchemas) as AgentEventType[];

/** Every event: `{seq, type, at, agentId, payload}`, `seq` increasing per agent. */
export type AgentEvent<K extends AgentEventType = AgentEventType> = {
  [T in K]: { seq: number; type: T; at: string; agentId: string; payload: AgentEventPayloads[T] };
}[K];

const envelope = { seq: z.number().int().positive(), at: z.string(), agentId: z.string().min(1) };

export const AgentEventSchema = z.discriminatedUnion(
  'type',
  AGENT_EVENT_TYPES.map((type) =>
    z.object({ ...envelope, type: z.literal(type), payload: AgentEventPayloadSchemas[type] }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
) as unknown as z.ZodType<AgentEvent>;

/** Builds an event with a checked payload type (the seq is the emitter's job). */
export function agentEvent<K extends AgentEventType>(
  type: K,
  fields: { seq: number; at: string; agentId: string },
  payload: AgentEventPayloads[K],
): AgentEvent<K> {
  return { ...fields, type, payload } as AgentEvent<K>;
}
