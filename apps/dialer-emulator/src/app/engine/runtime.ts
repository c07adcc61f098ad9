import type {
  NeoAgent,
  NeoAgentState,
  NeoCall,
  NeoCallState,
  NeoContact,
  NeoDialerMode,
  NeoDirection,
  NeoMonitorMode,
  NeoParticipant,
  NeoTransferTarget,
} from '@puente/neoapi';
import type { ClockTimer } from '../sim/clock';
import type { CustomerPlan } from '../sim/customer-model';
import type { BlacklistTreatment, StoredContact, StoredUser } from '../store/dialer-store';

export type BreakRef = { id: string; name: string };

/** One user of the platform, logged in or not (the per-agent state machine). */
export interface AgentRuntime {
  user: StoredUser;
  token: string | null;
  device: string;
  state: NeoAgentState;
  stateSince: number;
  breakState: BreakRef | null;
  /** Asked for during a call or wrap-up: applied when the agent would otherwise become available. */
  pendingBreak: BreakRef | null;
  /**
   * The pending break is the one a manual call was made from, not one asked
   * for: Ready (CRM_Available) after that call means available (issue 16 §2.7).
   */
  pendingBreakIsReturn: boolean;
  campaignId: string | null;
  /** CRM_Unavailable: logged in but busy in the CRM, so no calls are offered. */
  crmUnavailable: boolean;
  callId: string | null;
  /** The contact on the agent's screen, until categorised or released. */
  contact: NeoContact | null;
  /** Preview mode: the contact handed over before dialling, and its auto-dial timer. */
  preview: { contact: StoredContact; campaignId: string; timer: ClockTimer | null } | null;
  /** Who the supervisor monitors, and the state they return to when it ends (issue 16 §2.2). */
  monitoring: {
    targetAgentId: string;
    mode: NeoMonitorMode;
    before: { state: NeoAgentState; breakState: BreakRef | null };
  } | null;
  monitoredBy: { supervisorId: string; mode: NeoMonitorMode } | null;
  /** When the agent last became available: the longest-waiting agent gets the next call. */
  availableSince: number;
}

export interface TransferRuntime {
  mode: 'direct' | 'attended';
  target: NeoTransferTarget;
  label: string;
  /** Attended: the agent or outside number consulted while the customer holds. */
  consultAgentId: string | null;
  consultCallId: string | null;
  consultAnswered: boolean;
}

/** One call (the per-call state machine). A customer call and the agent legs it spawns. */
export interface CallRuntime {
  id: string;
  direction: NeoDirection;
  state: NeoCallState;
  number: string;
  campaignId: string | null;
  queueId: string | null;
  dialerMode: NeoDialerMode | null;
  callReason: string;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  /** The agent on the call; null while a predictive call waits for one, or in a queue. */
  agentId: string | null;
  contact: StoredContact | null;
  /** Inbound: CLAVESF from the IVR (D1/D2). */
  clavesf: string | null;
  crmKey: string | null;
  plan: CustomerPlan;
  timers: ClockTimer[];
  holdStartedAt: number | null;
  holdMs: number;
  dtmf: string;
  recordingPaused: boolean;
  /**
   * The agent who muted their microphone on this call (Mute). Kept per agent,
   * so a call transferred to someone else is not muted for them.
   */
  mutedAgentId: string | null;
  transfer: TransferRuntime | null;
  participants: (NeoParticipant & { agentId: string | null })[];
  /** Answered and waiting for an agent (predictive) or queued (inbound) since. */
  waitingSince: number | null;
  scheduleId: string | null;
  /** Internal legs (consultation, conference invitee) point at the customer call. */
  parentCallId: string | null;
  /** Leg number in the call history: 0 the first agent, then one per transfer. */
  leg: number;
  /** Agents who handled the call before a transfer, for the history. */
  endCause: string | null;
  /** Inbound, D4: kept for the contact's owner until `until` (virtual ms), then anyone's. */
  ownerHold: { userId: string; until: number } | null;
  /** Inbound: agents whose phones rang for this call (a missed call names them, tasks none of them). */
  offeredTo: string[];
  /** Set when the IVR refused a blacklisted caller (D4). */
  refusal: BlacklistTreatment | null;
}

export function toNeoCall(call: CallRuntime, recordingBase: string): NeoCall {
  return {
    callId: call.id,
    direction: call.direction,
    state: call.state,
    number: call.number,
    campaignId: call.campaignId,
    queueId: call.queueId,
    dialerMode: call.dialerMode,
    startedAt: new Date(call.startedAt).toISOString(),
    answeredAt: call.answeredAt === null ? null : new Date(call.answeredAt).toISOString(),
    transfer: call.transfer
      ? { mode: call.transfer.mode, target: call.transfer.target, label: call.transfer.label }
      : null,
    participants: call.participants.map(({ agentId: _agentId, ...p }) => p),
    recordingUrl: call.direction === 'internal' ? null : `${recordingBase}/recordings/${call.id}`,
    muted: isMuted(call),
  };
}

/** Whether the call's current agent has muted their microphone. */
export function isMuted(call: CallRuntime): boolean {
  return call.mutedAgentId !== null && call.mutedAgentId === call.agentId;
}

export interface ContactContext {
  call: CallRuntime | null;
  agentCampaign: { id: string; crmId: string; databaseId: string } | null;
}

/**
 * The contact as the connector sees it, with Neotel's externalData names
 * (seed 004). For inbound calls crmKey is the data part of CLAVESF and the
 * whole CLAVESF travels in fields.CLAVESF.
 */
export function toNeoContact(contact: StoredContact, { call, agentCampaign }: ContactContext): NeoContact {
  return {
    contactId: contact.id,
    contactBaseId: contact.databaseId,
    crmId: contact.crmId,
    crmKey: call?.crmKey ?? contact.key,
    phoneNumber: call?.number ?? contact.phone,
    callCampaing: call?.campaignId ?? '',
    callDialer: call?.dialerMode ?? (call?.direction === 'inbound' ? 'inbound' : ''),
    callId: call?.id ?? '0',
    callQueue: call?.queueId ?? '',
    callReason: call?.callReason ?? '',
    campaignCrmId: agentCampaign?.crmId ?? '',
    campaignBaseId: agentCampaign?.databaseId ?? '',
    userOutCampaign: agentCampaign?.id ?? '',
    fields: { ...contact.fields, ...(call?.clavesf ? { CLAVESF: call.clavesf } : {}) },
  };
}

export function toNeoAgent(agent: AgentRuntime): NeoAgent {
  return {
    agentId: agent.user.id,
    user: agent.user.login,
    displayName: agent.user.displayName,
    email: agent.user.email,
    device: agent.device,
    roles: agent.user.roles,
    state: agent.state,
    stateSince: new Date(agent.stateSince).toISOString(),
    breakState: agent.breakState,
    campaignId: agent.campaignId,
    queueIds: agent.token ? agent.user.queueIds : [],
  };
}

/** What Position and the operator's state show of a supervisor's monitoring (no internals). */
export function monitoringView(agent: AgentRuntime): { targetAgentId: string; mode: NeoMonitorMode } | null {
  return agent.monitoring && { targetAgentId: agent.monitoring.targetAgentId, mode: agent.monitoring.mode };
}
