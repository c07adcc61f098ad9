import type {
  AgentActivity,
  AgentState,
  BreakState,
  CallDirection,
  CallStatus,
  CampaignDto,
  MonitorMode,
  QueueDto,
  Role,
  TransferMode,
} from '@puente/contracts';
import type { AgentEventInput } from '../events/agent-event-input';

/**
 * The dialer's own session for an agent (the credential every command acts
 * with). Opaque outside the adapter that issued it: kept with the gateway
 * session, handed back to the port, never read.
 */
export type DialerSession = string;

/** Who a command acts as: the agent's dialer session, and the request's idempotency key when it has one. */
export interface DialerCaller {
  session: DialerSession;
  idempotencyKey?: string;
}

export interface DialerCredentials {
  device: string;
  user: string;
  password: string;
}

/** The user a login opened a dialer session for. */
export interface DialerAgent {
  agentId: string;
  user: string;
  displayName: string;
  email: string | null;
  device: string;
  roles: Role[];
}

export interface DialerLogin {
  session: DialerSession;
  agent: DialerAgent;
}

/** A campaign, with whether the dialer runs it now (the panel lists only those). */
export type DialerCampaign = CampaignDto & { active: boolean };

export interface DialerQueue extends QueueDto {
  serviceLevelSeconds: number;
  /**
   * Users logged in to the queue now (busy or not): a blind transfer to a
   * queue with none would only wait (issue 16 §2.10). Absent when the dialer
   * does not say; then nobody can tell.
   */
  loggedInUserIds?: string[];
}

export interface DialRequest {
  number: string;
  contactId?: string;
  campaignId?: string;
  note?: string;
}

export interface CallTarget {
  kind: 'number' | 'user' | 'queue' | 'campaign';
  id: string;
}

export interface CategorizeContact {
  contactId: string;
  /** The call categorised: its history row gets category, subcategory and note. */
  callId?: string;
  categoryId: string;
  subcategoryId?: string;
  note?: string;
  at?: string;
}

export interface ScheduleCallback {
  contactId: string;
  callId?: string;
  at: string;
  personal: boolean;
  number?: string;
  note?: string;
}

export interface ReleaseContact {
  contactId: string;
  callId?: string;
  note?: string;
}

/** What a dialer task (a message, the recording, a call for help) answered. */
export interface TaskResult {
  taskId: string;
  result: Record<string, string>;
}

/** Another agent as the dialer lists it (the supervisor board's agents not logged in here, E1). */
export interface DialerAgentPosition {
  agent: DialerAgent & {
    state: AgentActivity;
    stateSince: string;
    breakState: BreakState | null;
    campaignId: string | null;
    queueIds: string[];
  };
  call: {
    callId: string;
    direction: CallDirection;
    state: CallStatus;
    number: string;
    campaignId: string | null;
    queueId: string | null;
    startedAt: string;
    answeredAt: string | null;
  } | null;
  monitoredBy: { supervisorId: string; mode: MonitorMode } | null;
}

/** Live figures only the dialer knows, per campaign and queue (E3). */
export interface DialerFigures {
  at: string;
  campaigns: {
    campaignId: string;
    callsWaiting: number;
    longestWaitSeconds: number;
    abandoned: number;
    dialLevel: number | null;
    linesDialing: number;
  }[];
  queues: { queueId: string; callsWaiting: number; longestWaitSeconds: number; abandoned: number }[];
}

/** An inbound call that ended in a queue without an agent answering (D4). */
export interface MissedCall {
  seq: number;
  callId: string;
  queueId: string;
  number: string;
  contactId: string | null;
  clavesf: string | null;
  crmKey: string | null;
  startedAt: string;
  endedAt: string;
  waitSeconds: number;
  cause: string;
  responsible: { userId: string; user: string; email: string | null } | null;
  offeredTo: string[];
}

export interface MissedCallsPage {
  /** Changes when the dialer's list starts again (a restart): read again from 0. */
  epoch: string;
  missedCalls: MissedCall[];
  last: number;
}

/** Where an agent's dialer stream stands: a seq of one run (`epoch`) of one dialer (`instanceId`). */
export interface DialerCursor {
  seq: number;
  epoch: string | null;
  instanceId: string | null;
}

/**
 * The dialer's whole view of the agent now: where its stream stands, and the
 * events that bring a state of ours in line with it (empty when nothing
 * differs). Computed against the state at the moment it is applied.
 */
export interface DialerSnapshot {
  cursor: DialerCursor;
  eventsFor(state: AgentState): AgentEventInput[];
}

export type LogoutReason = 'replaced' | 'expired' | 'forced' | 'user';

/** One step of an agent's dialer stream, in Puente's events. */
export type DialerUpdate =
  /** What one dialer event means; `loggedOut` when it ended the dialer session. */
  | { kind: 'events'; seq: number; events: AgentEventInput[]; loggedOut?: LogoutReason }
  /** The dialer cannot resume from our cursor (it restarted, or forgot): start again from this. */
  | { kind: 'resync'; snapshot: DialerSnapshot };

/** One agent's dialer session, followed: its snapshot on demand, its updates as they come. */
export interface AgentFeed {
  snapshot(): Promise<DialerSnapshot>;
  /**
   * Hands each update after `from` (of run `from.epoch`, when known) to
   * `onUpdate` as it comes; settles when the connection drops, rejects with
   * what `onUpdate` threw. A callback, not an async iterable: one is open per
   * logged-in agent, and an iterable's pending promises per event end up as
   * old-generation garbage (issue 18 §3, docs/performance.md).
   */
  follow(
    from: Pick<DialerCursor, 'seq' | 'epoch'>,
    signal: AbortSignal,
    onUpdate: (update: DialerUpdate) => void,
  ): Promise<void>;
}

export type { TransferMode };
