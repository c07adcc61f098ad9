import type {
  BreakStateDto,
  CampaignDto,
  CategoryDto,
  DialerContactDto,
  MonitorMode,
  Role,
  TransferNumberDto,
  UserDto,
} from '@puente/contracts';
import type { Observable } from 'rxjs';
import type {
  AgentFeed,
  CallTarget,
  CategorizeContact,
  DialerAgentPosition,
  DialerCaller,
  DialerCampaign,
  DialerCredentials,
  DialerFigures,
  DialerLogin,
  DialerQueue,
  DialerSession,
  DialRequest,
  MissedCallsPage,
  ReleaseContact,
  ScheduleCallback,
  TaskResult,
  TransferMode,
} from './dialer.types';

/*
 * The gateway's view of the dialer (DESIGN principle 1), in Puente's words:
 * one adapter per dialer brand implements it (dialer/neoapi/ for NeoApi).
 * Every command acts as a DialerCaller; failures are DialerErrors
 * (dialer-error.ts), "unavailable" when the command never reached the dialer
 * and "timeout" when its outcome is unknown.
 */

export interface DialerSessions {
  login(credentials: DialerCredentials): Promise<DialerLogin>;
  logout(caller: DialerCaller): Promise<void>;
}

/** The agent's own availability: breaks (A3), Play and CRM presence (A4). */
export interface DialerAgentControls {
  /** Enters a break state; `pending` while a call delays it. */
  pause(caller: DialerCaller, breakStateId: string): Promise<{ pending: boolean }>;
  resume(caller: DialerCaller): Promise<void>;
  /** Play: ready for the next call. */
  crmAvailable(caller: DialerCaller): Promise<void>;
  crmUnavailable(caller: DialerCaller): Promise<void>;
  showingContact(caller: DialerCaller, contactId: string): Promise<void>;
}

/** Call control (B1-B5, B9). */
export interface DialerCalls {
  dial(caller: DialerCaller, request: DialRequest): Promise<{ callId: string }>;
  hangup(caller: DialerCaller, callId: string): Promise<void>;
  hold(caller: DialerCaller, callId: string): Promise<void>;
  unhold(caller: DialerCaller, callId: string): Promise<void>;
  mute(caller: DialerCaller, callId: string): Promise<void>;
  unmute(caller: DialerCaller, callId: string): Promise<void>;
  sendDigits(caller: DialerCaller, callId: string, digits: string): Promise<void>;
  transfer(caller: DialerCaller, callId: string, target: CallTarget, mode: TransferMode): Promise<void>;
  /** Attended transfer: join the customer with the third party and leave. */
  completeTransfer(caller: DialerCaller, callId: string): Promise<void>;
  /** Attended transfer: cut the third party, back to the customer. */
  cancelTransfer(caller: DialerCaller, callId: string): Promise<void>;
  joinConference(caller: DialerCaller, callId: string): Promise<void>;
  invite(caller: DialerCaller, callId: string, target: CallTarget): Promise<{ participantId: string }>;
  kickAll(caller: DialerCaller, callId: string): Promise<void>;
}

/** Outbound campaigns (A2) and their transfer numbers (B4). */
export interface DialerCampaigns {
  campaigns(caller: DialerCaller): Promise<DialerCampaign[]>;
  joinCampaign(caller: DialerCaller, campaignId: string): Promise<CampaignDto>;
  leaveCampaign(caller: DialerCaller, campaignId: string): Promise<void>;
  transferNumbers(caller: DialerCaller, campaignId: string): Promise<TransferNumberDto[]>;
}

/** Wrap-up of the contact on screen (C5, C6, B8) and the contact behind a CRM record (B6). */
export interface DialerContacts {
  categorize(caller: DialerCaller, request: CategorizeContact): Promise<{ released: boolean }>;
  scheduleCallback(
    caller: DialerCaller,
    request: ScheduleCallback,
  ): Promise<{ scheduleId: string; at: string }>;
  releaseContact(caller: DialerCaller, request: ReleaseContact): Promise<void>;
  contactByKey(caller: DialerCaller, crmId: string, key: string): Promise<DialerContactDto>;
}

/** The dialer's custom tasks (issue 16 §3); without a call id they act on the agent's current call. */
export interface DialerTasks {
  sendMessage(
    caller: DialerCaller,
    callId: string | undefined,
    params: Record<string, string>,
  ): Promise<TaskResult>;
  recording(caller: DialerCaller, callId: string | undefined, paused: boolean): Promise<TaskResult>;
  askForHelp(caller: DialerCaller, callId: string | undefined, reason: string): Promise<TaskResult>;
}

/** What the dialer lists. */
export interface DialerDirectoryReads {
  breakStates(caller: DialerCaller): Promise<BreakStateDto[]>;
  users(caller: DialerCaller, role?: Role): Promise<UserDto[]>;
  queues(caller: DialerCaller): Promise<DialerQueue[]>;
  categories(caller: DialerCaller, crmId: string): Promise<CategoryDto[]>;
  /** The queues the caller's own position serves (a supervisor's scope, E4). */
  ownQueueIds(caller: DialerCaller): Promise<string[]>;
  /** Every agent in a supervisor's campaigns and queues (E1). */
  agents(caller: DialerCaller): Promise<DialerAgentPosition[]>;
  figures(caller: DialerCaller): Promise<DialerFigures>;
  /** Missed inbound calls after a cursor (D4). */
  missedCalls(caller: DialerCaller, after: number, limit: number): Promise<MissedCallsPage>;
}

/** Listen, assist, barge and end (E2). */
export interface DialerMonitoring {
  startMonitoring(caller: DialerCaller, agentId: string, mode: MonitorMode): Promise<void>;
  monitorMode(caller: DialerCaller, mode: MonitorMode): Promise<void>;
  endMonitoring(caller: DialerCaller): Promise<void>;
}

/** An agent's events: the translation from the dialer's and the snapshot diff are the adapter's. */
export interface DialerEvents {
  subscribe(session: DialerSession, agentId: string): AgentFeed;
}

export interface DialerHealth {
  /** 'down' while the dialer is deemed away (its circuit breaker is open). */
  readonly status: Observable<'up' | 'down'>;
  /** Resolves when the dialer answers its health check; gives up when `signal` aborts. */
  health(signal?: AbortSignal): Promise<void>;
}

/** The commands an agent's request runs, as DialerCommands offers them. */
export type DialerActions = DialerAgentControls &
  DialerCalls &
  DialerCampaigns &
  DialerContacts &
  DialerTasks &
  DialerDirectoryReads &
  DialerMonitoring;

export interface Dialer extends DialerSessions, DialerActions, DialerEvents, DialerHealth {}

export const DIALER = Symbol('DIALER');
