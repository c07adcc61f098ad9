import { z } from 'zod';
import {
  NeoAgentStateSchema,
  NeoBreakStateSchema,
  NeoCallSchema,
  NeoCampaignSchema,
  NeoContactSchema,
  NeoIdSchema,
  NeoMonitorModeSchema,
  NeoParticipantSchema,
  NeoPositionSchema,
  NeoTransferTargetSchema,
} from './model';

/** Payload of every event on an agent's push stream. */
export const NeoEventPayloadSchemas = {
  LoggedIn: z.object({ device: z.string() }),
  LoggedOut: z.object({ reason: z.enum(['user', 'replaced', 'forced', 'expired']) }),
  AgentState: z.object({
    state: NeoAgentStateSchema,
    breakState: NeoBreakStateSchema.pick({ id: true, name: true }).nullable(),
  }),
  CampaignJoined: z.object({ campaign: NeoCampaignSchema }),
  CampaignLeft: z.object({ campaignId: NeoIdSchema }),
  CallOffered: z.object({ call: NeoCallSchema, contact: NeoContactSchema.nullable() }),
  CallAnswered: z.object({ callId: NeoIdSchema }),
  CallHeld: z.object({ callId: NeoIdSchema }),
  CallResumed: z.object({ callId: NeoIdSchema }),
  CallMuted: z.object({ callId: NeoIdSchema }),
  CallUnmuted: z.object({ callId: NeoIdSchema }),
  DtmfSent: z.object({ callId: NeoIdSchema, digits: z.string() }),
  TransferStarted: z.object({
    callId: NeoIdSchema,
    mode: z.enum(['direct', 'attended']),
    target: NeoTransferTargetSchema,
    label: z.string(),
  }),
  TransferEnded: z.object({ callId: NeoIdSchema, outcome: z.enum(['completed', 'cancelled', 'failed']) }),
  ConferenceStarted: z.object({ callId: NeoIdSchema }),
  ParticipantJoined: z.object({ callId: NeoIdSchema, participant: NeoParticipantSchema }),
  ParticipantLeft: z.object({ callId: NeoIdSchema, participantId: z.string() }),
  ConferenceEnded: z.object({ callId: NeoIdSchema }),
  CallEnded: z.object({
    callId: NeoIdSchema,
    /** customer_hangup, agent_hangup, transferred, no_answer, busy, failed, abandoned */
    cause: z.string(),
    talkSeconds: z.number().nonnegative(),
  }),
  ContactUpdated: z.object({ contact: NeoContactSchema }),
  ContactReleased: z.object({
    contactId: NeoIdSchema,
    categoryId: z.string().nullable(),
    subcategoryId: z.string().nullable(),
    scheduledFor: z.string().nullable(),
  }),
  MonitorStarted: z.object({ targetAgentId: NeoIdSchema, mode: NeoMonitorModeSchema }),
  MonitorEnded: z.object({ targetAgentId: NeoIdSchema }),
  Monitored: z.object({ supervisorId: NeoIdSchema, mode: NeoMonitorModeSchema }),
  Unmonitored: z.object({ supervisorId: NeoIdSchema }),
  /** First event when resuming from a sequence the dialer no longer holds: start again from this. */
  Resync: z.object({ position: NeoPositionSchema }),
} as const;

export type NeoEventType = keyof typeof NeoEventPayloadSchemas;
export type NeoEventPayloads = { [K in NeoEventType]: z.infer<(typeof NeoEventPayloadSchemas)[K]> };
export const NEO_EVENT_TYPES = Object.keys(NeoEventPayloadSchemas) as NeoEventType[];

/** `{seq, agentId, at, type, data}`; `seq` increases by one per agent, across reconnects. */
export type NeoEvent<K extends NeoEventType = NeoEventType> = {
  [T in K]: { seq: number; agentId: string; at: string; type: T; data: NeoEventPayloads[T] };
}[K];

export const NeoEventSchema = z.discriminatedUnion(
  'type',
  NEO_EVENT_TYPES.map((type) =>
    z.object({
      seq: z.number().int().nonnegative(),
      agentId: NeoIdSchema,
      at: z.string(),
      type: z.literal(type),
      data: NeoEventPayloadSchemas[type],
    }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
) as unknown as z.ZodType<NeoEvent>;
