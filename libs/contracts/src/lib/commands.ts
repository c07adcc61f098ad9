import { z } from 'zod';
import { RoleSchema } from './agent-state';
import { salesforceIdSchema } from './salesforce-id';

/**
 * Bodies and answers of the gateway's REST API (DESIGN principle 3). The
 * gateway validates with these schemas and the panel builds its requests
 * from the same types: nothing is copied across the wire by hand.
 */

const Id = z.string().trim().min(1).max(64);
/** DTMF digits as telephony accepts them. */
export const DTMF_DIGITS = /^[0-9A-D#*]+$/;

/** A BCP 47 language tag Intl knows ("es-AR", "en"). */
const LocaleTag = z
  .string()
  .trim()
  .min(2)
  .max(35)
  .refine((tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false;
    }
  }, 'a language tag such as es-AR or en');
/** An IANA time zone Intl knows ("America/Argentina/Buenos_Aires", "UTC"). */
const TimeZone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone such as America/Argentina/Buenos_Aires');

export const LoginRequestSchema = z
  .object({
    device: z.string().trim().min(1, 'device is required').max(32),
    user: z.string().trim().min(1, 'user is required').max(64),
    password: z.string().min(1, 'password is required').max(256),
    /**
     * Where the agent works: the gateway writes dates and times for them (the
     * callback in the Task) in this language and zone (issue 16 §2.9). The
     * panel sends the browser's; without them, UTC in English.
     */
    locale: LocaleTag.optional(),
    timeZone: TimeZone.optional(),
  })
  .strict();
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const SessionAgentSchema = z.object({
  agentId: z.string(),
  user: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  device: z.string(),
  roles: z.array(RoleSchema),
});
export type SessionAgent = z.infer<typeof SessionAgentSchema>;

export const SessionResponseSchema = z.object({
  sessionId: z.string(),
  accessToken: z.string(),
  /** Seconds until the access token expires; refresh before then. */
  expiresIn: z.number().int().positive(),
  refreshToken: z.string(),
  /**
   * Seconds until the refresh token (the session) ends; fixed at login, not
   * pushed back by a refresh. Optional for gateways older than issue 14.
   */
  refreshExpiresIn: z.number().int().nonnegative().optional(),
  agent: SessionAgentSchema,
});
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

export const RefreshRequestSchema = z.object({ refreshToken: z.string().min(1).max(512) }).strict();
export type RefreshRequest = z.infer<typeof RefreshRequestSchema>;

export const PauseRequestSchema = z.object({ breakStateId: Id }).strict();
export type PauseRequest = z.infer<typeof PauseRequestSchema>;

export const ShowingContactRequestSchema = z.object({ contactId: Id }).strict();
export type ShowingContactRequest = z.infer<typeof ShowingContactRequestSchema>;

export const DialRequestSchema = z
  .object({
    number: z.string().trim().min(1, 'number is required').max(64),
    /** The dialer contact, when known (click-to-dial after a look-up, callbacks). */
    contactId: Id.optional(),
    campaignId: Id.optional(),
    /** Salesforce record the call was started from (click-to-dial): a Salesforce id of any object. */
    crmRecordId: salesforceIdSchema().optional(),
    /** Why the agent dials by hand; lands in the Task description (B2). */
    note: z.string().max(2000).optional(),
  })
  .strict();
export type DialRequest = z.infer<typeof DialRequestSchema>;

export const DtmfRequestSchema = z
  .object({ digits: z.string().min(1).max(64).regex(DTMF_DIGITS, 'use digits 0-9, A-D, * and #') })
  .strict();
export type DtmfRequest = z.infer<typeof DtmfRequestSchema>;

export const TargetSchema = z
  .object({ kind: z.enum(['number', 'user', 'queue', 'campaign']), id: Id })
  .strict();
export type Target = z.infer<typeof TargetSchema>;

export const TransferRequestSchema = z
  .object({
    target: TargetSchema,
    mode: z.enum(['direct', 'attended']),
    /**
     * The agent saw "nobody is logged in to this queue" and transfers anyway
     * (GATEWAY_EMPTY_QUEUE_TRANSFER=confirm, issue 16 §2.10).
     */
    confirmEmptyQueue: z.boolean().optional(),
  })
  .strict();
export type TransferRequest = z.infer<typeof TransferRequestSchema>;

export const InviteRequestSchema = z
  .object({ target: z.object({ kind: z.enum(['number', 'user']), id: Id }).strict() })
  .strict();
export type InviteRequest = z.infer<typeof InviteRequestSchema>;

/**
 * The call a wrap-up command follows. The panel sends the call it is wrapping
 * up; without it the gateway takes the agent's last call with the contact
 * (the dialer's own "last call id" is 0 once the call has ended).
 */
const WrapUpCallId = Id.optional();
const WrapUpNote = z.string().max(4000).optional();
const CallbackAt = z.iso.datetime({
  offset: true,
  error: 'a date and time with its offset, e.g. 2026-11-24T10:30:00-03:00',
});

export const CategorizeRequestSchema = z
  .object({
    callId: WrapUpCallId,
    categoryId: Id,
    subcategoryId: Id.optional(),
    note: WrapUpNote,
    /** For a category that schedules (agenda): when to call back; default, the category's own delay. */
    at: CallbackAt.optional(),
  })
  .strict();
export type CategorizeRequest = z.infer<typeof CategorizeRequestSchema>;

/** Release without a category (C6): the note still belongs to the call. */
export const ReleaseRequestSchema = z.object({ callId: WrapUpCallId, note: WrapUpNote }).strict();
export type ReleaseRequest = z.infer<typeof ReleaseRequestSchema>;

export const ScheduleRequestSchema = z
  .object({
    callId: WrapUpCallId,
    at: CallbackAt,
    number: z.string().trim().min(1).max(64).optional(),
    /** Personal: dialed to this agent when possible; otherwise to anyone in the campaign. */
    personal: z.boolean().default(true),
    note: WrapUpNote,
  })
  .strict();
export type ScheduleRequest = z.input<typeof ScheduleRequestSchema>;

export const TaskRequestSchema = z
  .object({ callId: Id.optional(), params: z.record(z.string(), z.string().max(2000)).default({}) })
  .strict();
export type TaskRequest = z.input<typeof TaskRequestSchema>;

export const MonitorRequestSchema = z.object({ mode: z.enum(['listen', 'assist', 'barge']) }).strict();
export type MonitorRequest = z.infer<typeof MonitorRequestSchema>;

/** What a command answers when it has nothing else to say: the dialer accepted it. */
export const AcceptedSchema = z.object({ accepted: z.literal(true) });
export type Accepted = z.infer<typeof AcceptedSchema>;

export const DialResponseSchema = z.object({ callId: z.string() });
export type DialResponse = z.infer<typeof DialResponseSchema>;

export const ScheduleResponseSchema = z.object({ scheduleId: z.string(), at: z.string() });
export type ScheduleResponse = z.infer<typeof ScheduleResponseSchema>;

/** Header every command carries so that a retry never acts twice. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const IdempotencyKeySchema = z
  .string()
  .min(8, 'Idempotency-Key must be 8 to 128 characters')
  .max(128, 'Idempotency-Key must be 8 to 128 characters')
  .regex(/^[A-Za-z0-9._:-]+$/, 'Idempotency-Key may hold letters, digits and . _ : - only');
