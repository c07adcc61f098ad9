import { z } from 'zod';
import {
  NeoAgentSchema,
  NeoBreakStateSchema,
  NeoCallSchema,
  NeoCampaignSchema,
  NeoCategorySchema,
  NeoContactSchema,
  NeoIdSchema,
  NeoMonitorModeSchema,
  NeoPositionSchema,
  NeoQueueSchema,
  NeoRoleSchema,
  NeoTransferNumberSchema,
  NeoTransferTargetSchema,
  NeoUserSchema,
} from './model';

/** Who may call a method: anyone (Login), a logged-in user, or a supervisor/admin. */
export type NeoAuth = 'none' | 'agent' | 'supervisor';

interface MethodSpec<Req extends z.ZodType, Res extends z.ZodType> {
  request: Req;
  response: Res;
  auth: NeoAuth;
  /** One line for docs/neoapi.md. */
  summary: string;
}

function method<Req extends z.ZodType, Res extends z.ZodType>(
  spec: MethodSpec<Req, Res>,
): MethodSpec<Req, Res> {
  return spec;
}

const Empty = z.object({}).strict();
const Ok = z.object({});
const PhoneInput = z.string().trim().min(1).max(64);
const CallRef = z.object({ callId: NeoIdSchema }).strict();
/** DTMF digits as telephony accepts them (OMniLeads' rule). */
export const DTMF_PATTERN = /^[0-9A-D#*]+$/;

const TaskRequest = z
  .object({ callId: NeoIdSchema.optional(), params: z.record(z.string(), z.string().max(2000)).default({}) })
  .strict();
const TaskResponse = z.object({ taskId: z.string(), result: z.record(z.string(), z.string()) });

/** One inbound call that nobody answered (Get_MissedCalls, D4). */
export const NeoMissedCallSchema = z.object({
  /** Increases by one per missed call within an epoch. */
  seq: z.number().int().positive(),
  callId: NeoIdSchema,
  queueId: NeoIdSchema,
  /** The caller in E.164, or "anonymous" (D3). */
  number: z.string(),
  contactId: NeoIdSchema.nullable(),
  clavesf: z.string().nullable(),
  crmKey: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string(),
  waitSeconds: z.number().nonnegative(),
  /** abandoned (the caller hung up) or max_wait (the queue gave up). */
  cause: z.string(),
  /** The queue's default responsible user for missed calls; null when the queue names none. */
  responsible: z.object({ userId: NeoIdSchema, user: z.string(), email: z.string().nullable() }).nullable(),
  /** Agents whose phones rang for this call (none of them gets a task). */
  offeredTo: z.array(NeoIdSchema),
});
export type NeoMissedCall = z.infer<typeof NeoMissedCallSchema>;

/**
 * Every method of the dialer webservice: Neotel's twenty (names verbatim,
 * SPEC F4) and the ones the panel needs that Neotel's list leaves out, named
 * in the same style. Request and response schemas are the contract both the
 * gateway's client and the dialer emulator validate against.
 */
export const NEOAPI_METHODS = {
  // --- Neotel's methods -------------------------------------------------
  Login: method({
    auth: 'none',
    summary: 'Logs a user in on a device (extension); ends an older session of the same user.',
    request: z
      .object({
        device: z.string().trim().min(1).max(32),
        user: z.string().trim().min(1).max(64),
        password: z.string().min(1).max(256),
      })
      .strict(),
    response: z.object({ token: z.string(), agent: NeoAgentSchema, replacedDevice: z.string().nullable() }),
  }),
  Logout: method({
    auth: 'agent',
    summary: 'Ends the session (and any campaign membership).',
    request: Empty,
    response: Ok,
  }),
  Login_Campaign: method({
    auth: 'agent',
    summary: 'Joins an outbound campaign the user is assigned to.',
    request: z.object({ campaignId: NeoIdSchema }).strict(),
    response: z.object({ campaign: NeoCampaignSchema }),
  }),
  Logout_Campaign: method({
    auth: 'agent',
    summary: 'Leaves the campaign.',
    request: z.object({ campaignId: NeoIdSchema }).strict(),
    response: Ok,
  }),
  Pause: method({
    auth: 'agent',
    summary: 'Puts the agent in a break state; during a call or wrap-up it takes effect when they end.',
    request: z.object({ breakStateId: NeoIdSchema }).strict(),
    response: z.object({ pending: z.boolean() }),
  }),
  Unpause: method({ auth: 'agent', summary: 'Leaves the break state.', request: Empty, response: Ok }),
  Dial: method({
    auth: 'agent',
    summary: 'Places a call; with a contact it is logged against that contact (click-to-dial, manual dial).',
    request: z
      .object({
        number: PhoneInput,
        contactId: NeoIdSchema.optional(),
        campaignId: NeoIdSchema.optional(),
        note: z.string().max(2000).optional(),
      })
      .strict(),
    response: z.object({ call: NeoCallSchema }),
  }),
  Hangup: method({
    auth: 'agent',
    summary: "Hangs up the agent's call (during an attended transfer: the whole call; see Transfer_End).",
    request: CallRef,
    response: Ok,
  }),
  Position: method({
    auth: 'agent',
    summary: "The agent's current state, call and contact, with the last event's sequence number.",
    request: Empty,
    response: NeoPositionSchema,
  }),
  UpdateContact: method({
    auth: 'agent',
    summary: 'Categorises the contact on screen (category and subcategory of its CRM) and releases it.',
    request: z
      .object({
        contactId: NeoIdSchema,
        /** The call categorised: its history row gets category, subcategory and note (the contact's last call id is "0" by then). */
        callId: NeoIdSchema.optional(),
        categoryId: NeoIdSchema,
        subcategoryId: NeoIdSchema.optional(),
        note: z.string().max(4000).optional(),
        /** An agenda category's callback time, as the agent picked it; default: the category's delay. */
        at: z.iso.datetime({ offset: true }).optional(),
      })
      .strict(),
    response: z.object({ released: z.boolean() }),
  }),
  CRM_Unavailable: method({
    auth: 'agent',
    summary: 'The agent is busy in the CRM: offer no calls.',
    request: Empty,
    response: Ok,
  }),
  CRM_Available: method({
    auth: 'agent',
    summary: 'Play: the agent is ready for the next call (A4).',
    request: Empty,
    response: Ok,
  }),
  CRM_ShowingContact: method({
    auth: 'agent',
    summary: 'A contact is on screen in the CRM (preview): keep it reserved for this agent.',
    request: z.object({ contactId: NeoIdSchema }).strict(),
    response: Ok,
  }),
  JoinConference: method({
    auth: 'agent',
    summary: 'Turns the current call into a conference the agent can invite people to.',
    request: CallRef,
    response: z.object({ call: NeoCallSchema }),
  }),
  InviteParticipant: method({
    auth: 'agent',
    summary: 'Invites an external number or a platform user into the conference, one at a time.',
    request: z.object({ callId: NeoIdSchema, target: NeoTransferTargetSchema }).strict(),
    response: z.object({ participantId: z.string() }),
  }),
  KickAll: method({
    auth: 'agent',
    summary: 'Ends the conference: every invited participant leaves; the agent stays with the customer.',
    request: CallRef,
    response: Ok,
  }),
  ExecuteTask01: method({
    auth: 'agent',
    summary: 'Sends a text message to the customer (params: channel sms|whatsapp, number, text).',
    request: TaskRequest,
    response: TaskResponse,
  }),
  ExecuteTask02: method({
    auth: 'agent',
    summary: "Pauses the call's recording (e.g. while a card number is read).",
    request: TaskRequest,
    response: TaskResponse,
  }),
  ExecuteTask03: method({
    auth: 'agent',
    summary: "Resumes the call's recording.",
    request: TaskRequest,
    response: TaskResponse,
  }),
  ExecuteTask05: method({
    auth: 'agent',
    summary: 'Asks a supervisor for help on the current call (params: reason).',
    request: TaskRequest,
    response: TaskResponse,
  }),

  // --- Puente's additions, in the same style -------------------------------
  Hold: method({ auth: 'agent', summary: 'Puts the customer on hold.', request: CallRef, response: Ok }),
  Unhold: method({ auth: 'agent', summary: 'Takes the customer off hold.', request: CallRef, response: Ok }),
  Mute: method({
    auth: 'agent',
    summary:
      "Mutes the agent's microphone on the call: the customer and the other parties no longer hear the agent (a monitoring supervisor still does).",
    request: CallRef,
    response: Ok,
  }),
  Unmute: method({
    auth: 'agent',
    summary: 'Unmutes the agent: everyone on the call hears them again.',
    request: CallRef,
    response: Ok,
  }),
  Send_DTMF: method({
    auth: 'agent',
    summary: 'Sends digits on the call, one by one (B3).',
    request: z
      .object({
        callId: NeoIdSchema,
        digits: z.string().min(1).max(64).regex(DTMF_PATTERN, 'digits 0-9, A-D, * and # only'),
      })
      .strict(),
    response: z.object({ sent: z.number().int() }),
  }),
  Transfer: method({
    auth: 'agent',
    summary:
      'Transfers the call to a number, user, queue or campaign: direct (blind) or attended (consult first).',
    request: z
      .object({ callId: NeoIdSchema, target: NeoTransferTargetSchema, mode: z.enum(['direct', 'attended']) })
      .strict(),
    response: z.object({ call: NeoCallSchema }),
  }),
  Transfer_Complete: method({
    auth: 'agent',
    summary: 'Attended transfer: joins the customer with the third party and leaves the call.',
    request: CallRef,
    response: Ok,
  }),
  Transfer_End: method({
    auth: 'agent',
    summary: 'End of attended transfer: cuts the third party and returns to the customer (B1, B4).',
    request: CallRef,
    response: Ok,
  }),
  Schedule_Callback: method({
    auth: 'agent',
    summary:
      'Schedules (AGENDAR) a callback for the contact and releases it; the dialer calls at that time (B8).',
    request: z
      .object({
        contactId: NeoIdSchema,
        /** The call the callback follows: its history row gets the note. */
        callId: NeoIdSchema.optional(),
        at: z.iso.datetime({ offset: true }),
        number: PhoneInput.optional(),
        personal: z.boolean().default(true),
        note: z.string().max(4000).optional(),
      })
      .strict(),
    response: z.object({ scheduleId: z.string(), at: z.string() }),
  }),
  Release_Contact: method({
    auth: 'agent',
    summary: 'Releases the contact without a category (allowContactRelease).',
    request: z
      .object({
        contactId: NeoIdSchema,
        /** The call released: its history row gets the note, if any. */
        callId: NeoIdSchema.optional(),
        note: z.string().max(4000).optional(),
      })
      .strict(),
    response: Ok,
  }),
  Monitor_Start: method({
    auth: 'supervisor',
    summary: "Listens to, assists (whisper) or barges into an agent's call (E2).",
    request: z.object({ agentId: NeoIdSchema, mode: NeoMonitorModeSchema }).strict(),
    response: Ok,
  }),
  Monitor_Mode: method({
    auth: 'supervisor',
    summary: 'Switches the monitoring mode without dropping the call.',
    request: z.object({ mode: NeoMonitorModeSchema }).strict(),
    response: Ok,
  }),
  Monitor_End: method({
    auth: 'supervisor',
    summary:
      'Stops monitoring (Fin); the supervisor returns to the state they had before it (idle, a break, available).',
    request: Empty,
    response: Ok,
  }),
  Get_Campaigns: method({
    auth: 'agent',
    summary: 'Outbound campaigns the user may join.',
    request: Empty,
    response: z.object({ campaigns: z.array(NeoCampaignSchema) }),
  }),
  Get_BreakStates: method({
    auth: 'agent',
    summary: 'Every break state of the platform, system and custom (A3).',
    request: Empty,
    response: z.object({ breakStates: z.array(NeoBreakStateSchema) }),
  }),
  Get_TransferNumbers: method({
    auth: 'agent',
    summary: "The campaign's list of transfer numbers (Callcenter → Campañas → Telefonía).",
    request: z.object({ campaignId: NeoIdSchema }).strict(),
    response: z.object({ numbers: z.array(NeoTransferNumberSchema) }),
  }),
  Get_Users: method({
    auth: 'agent',
    summary: 'Platform users with their state, for transfers, conferences and monitoring.',
    request: z.object({ role: NeoRoleSchema.optional() }).strict(),
    response: z.object({ users: z.array(NeoUserSchema) }),
  }),
  Get_Queues: method({
    auth: 'agent',
    summary: 'Inbound queues.',
    request: Empty,
    response: z.object({ queues: z.array(NeoQueueSchema) }),
  }),
  Get_Categories: method({
    auth: 'agent',
    summary: 'Categories and subcategories of a CRM, for the RELEASE screen (C5).',
    request: z.object({ crmId: NeoIdSchema }).strict(),
    response: z.object({ categories: z.array(NeoCategorySchema) }),
  }),
  Get_ContactByKey: method({
    auth: 'agent',
    summary: 'Finds a contact by IdCrm and key value (click-to-dial, B6).',
    request: z.object({ crmId: NeoIdSchema, key: z.string().min(1).max(255) }).strict(),
    response: z.object({ contact: NeoContactSchema }),
  }),
  Get_Agents: method({
    auth: 'supervisor',
    summary: "The positions of every agent in the supervisor's campaigns and queues (E1).",
    request: Empty,
    response: z.object({ agents: z.array(NeoPositionSchema) }),
  }),
  Get_Figures: method({
    auth: 'supervisor',
    summary:
      'Live figures only the dialer knows, per campaign and queue: calls waiting, longest wait, calls abandoned before reaching an agent today, predictive pace (E3).',
    request: Empty,
    response: z.object({
      at: z.string(),
      campaigns: z.array(
        z.object({
          campaignId: NeoIdSchema,
          callsWaiting: z.number().int().nonnegative(),
          longestWaitSeconds: z.number().nonnegative(),
          /** Calls the dialer dropped or the customer left before any agent was offered them, today. */
          abandoned: z.number().int().nonnegative(),
          /** Lines dialled per available agent (predictive); null in other modes. */
          dialLevel: z.number().nonnegative().nullable(),
          linesDialing: z.number().int().nonnegative(),
        }),
      ),
      queues: z.array(
        z.object({
          queueId: NeoIdSchema,
          callsWaiting: z.number().int().nonnegative(),
          longestWaitSeconds: z.number().nonnegative(),
          abandoned: z.number().int().nonnegative(),
        }),
      ),
    }),
  }),
  // --- appended: inbound missed calls (D4) ---------------------------------
  Get_MissedCalls: method({
    auth: 'agent',
    summary:
      "Inbound calls that ended in a queue without an agent answering, once per call, after a cursor, with the queue's default responsible user (D4).",
    request: z
      .object({
        /** The `seq` of the last missed call already read; 0 for the oldest the dialer holds. */
        after: z.number().int().nonnegative().default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    response: z.object({
      /** Changes when the dialer's list starts again (a restart): read again from 0. */
      epoch: z.string(),
      missedCalls: z.array(NeoMissedCallSchema),
      /** The highest `seq` the dialer holds (the next cursor when the page is empty). */
      last: z.number().int().nonnegative(),
    }),
  }),
} as const;

export type NeoMethodName = keyof typeof NEOAPI_METHODS;
export type NeoRequest<M extends NeoMethodName> = z.input<(typeof NEOAPI_METHODS)[M]['request']>;
export type NeoParsedRequest<M extends NeoMethodName> = z.output<(typeof NEOAPI_METHODS)[M]['request']>;
export type NeoResponse<M extends NeoMethodName> = z.output<(typeof NEOAPI_METHODS)[M]['response']>;

export const NEOAPI_METHOD_NAMES = Object.keys(NEOAPI_METHODS) as NeoMethodName[];

/** Path prefix of every method: POST {base}/neoapi/v1/{Method}. */
export const NEOAPI_BASE_PATH = '/neoapi/v1';
/** Push stream of an agent's events (server-sent events). */
export const NEOAPI_EVENTS_PATH = `${NEOAPI_BASE_PATH}/events`;
