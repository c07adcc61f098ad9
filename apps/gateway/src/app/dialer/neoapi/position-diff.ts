import type { AgentState, CallState, DialerMode } from '@puente/contracts';
import type { NeoCall, NeoPosition } from '@puente/neoapi';
import { type AgentEventInput, input } from '../../events/agent-event-input';
import { toContactData, toDialerMode, toParticipant, toTransferTarget } from './neo-mapping';

/** Names of campaigns, which a Position carries only by id. */
export interface CampaignInfo {
  name: string;
  dialerMode: DialerMode;
}

const ACTIVE_CALL = (call: CallState | null): call is CallState => call !== null && call.status !== 'ended';

function callEvents(
  current: CallState | null,
  call: NeoCall | null,
  position: NeoPosition,
): AgentEventInput[] {
  const out: AgentEventInput[] = [];
  if (ACTIVE_CALL(current) && current.callId !== call?.callId) {
    out.push(input('call.ended', { callId: current.callId, cause: 'ended_while_disconnected' }));
  }
  if (!call || call.state === 'ended') return out;
  const known = current?.callId === call.callId && current.status !== 'ended';
  if (!known) {
    out.push(
      input('call.offered', {
        callId: call.callId,
        direction: call.direction,
        party: call.number,
        dialerMode: toDialerMode(call),
        campaignId: call.campaignId,
        queueId: call.queueId,
        status: call.state === 'dialing' ? 'dialing' : 'ringing',
        contact: position.contact ? toContactData(position.contact, call.callId) : null,
        recordingUrl: call.recordingUrl,
      }),
    );
  }
  const was = known ? current : null;
  const id = call.callId;
  if (call.answeredAt && !was?.answeredAt) out.push(input('call.answered', { callId: id }));
  if (call.transfer && !was?.transfer) {
    out.push(
      input('call.transfer_started', {
        callId: id,
        mode: call.transfer.mode,
        target: toTransferTarget(call.transfer.target, call.transfer.label),
      }),
    );
  } else if (!call.transfer && was?.transfer) {
    out.push(input('call.transfer_ended', { callId: id, outcome: 'cancelled' }));
  }
  const inConference = call.state === 'in_conference' || call.participants.length > 0;
  if (inConference && !was?.conference) out.push(input('call.conference_started', { callId: id }));
  const before = new Set((was?.conference?.participants ?? []).map((p) => p.id));
  const now = new Set(call.participants.map((p) => p.id));
  for (const p of call.participants)
    if (!before.has(p.id))
      out.push(input('call.participant_joined', { callId: id, participant: toParticipant(p) }));
  for (const p of before)
    if (!now.has(p)) out.push(input('call.participant_left', { callId: id, participantId: p }));
  if (!inConference && was?.conference) out.push(input('call.conference_ended', { callId: id }));
  const held = call.state === 'on_hold';
  // During an attended consult the customer's hold runs on in the state, whatever the call's state says.
  const consulting = call.transfer?.mode === 'attended';
  if (held && !was?.heldSince) out.push(input('call.held', { callId: id }));
  if (!held && !consulting && was?.heldSince) out.push(input('call.resumed', { callId: id }));
  // A dialer that does not say (muted absent) leaves the panel's mute as it is.
  if (call.muted !== undefined && call.muted !== !!was?.muted)
    out.push(input(call.muted ? 'call.muted' : 'call.unmuted', { callId: id }));
  return out;
}

/**
 * The events that bring `state` in line with what the dialer reports in a
 * Position (used while polling, and when a push stream asks for a Resync).
 * Applying them with the shared reducer yields the dialer's view; when
 * nothing changed the list is empty.
 */
export function positionToEvents(
  state: AgentState,
  position: NeoPosition,
  campaigns: ReadonlyMap<string, CampaignInfo> = new Map(),
): AgentEventInput[] {
  const out: AgentEventInput[] = [];
  const agent = position.agent;
  if ((state.campaign?.id ?? null) !== agent.campaignId) {
    if (state.campaign) out.push(input('agent.campaign_left', { campaignId: state.campaign.id }));
    if (agent.campaignId) {
      const info = campaigns.get(agent.campaignId);
      out.push(
        input('agent.campaign_joined', {
          campaignId: agent.campaignId,
          campaignName: info?.name ?? agent.campaignId,
          dialerMode: info?.dialerMode ?? 'manual',
        }),
      );
    }
  }
  out.push(...callEvents(state.call, position.call, position));

  const contactBefore = state.contact?.contactId ?? null;
  const contactNow = position.contact?.contactId ?? null;
  if (contactBefore && contactBefore !== contactNow && !position.call) {
    out.push(
      input('contact.released', {
        contactId: contactBefore,
        categoryId: null,
        subcategoryId: null,
        scheduledFor: null,
      }),
    );
  } else if (
    position.contact &&
    (contactBefore !== contactNow || state.contact?.crmKey !== position.contact.crmKey)
  ) {
    const alreadyOffered = out.some(
      (e) => e.type === 'call.offered' && e.payload.contact?.contactId === contactNow,
    );
    if (!alreadyOffered)
      out.push(
        input('contact.updated', { contact: toContactData(position.contact, position.call?.callId ?? '0') }),
      );
  }

  const monitoringNow = position.monitoring;
  if (state.monitoring && state.monitoring.targetAgentId !== monitoringNow?.targetAgentId) {
    out.push(input('monitoring.ended', { targetAgentId: state.monitoring.targetAgentId }));
  }
  if (
    monitoringNow &&
    (state.monitoring?.targetAgentId !== monitoringNow.targetAgentId ||
      state.monitoring.mode !== monitoringNow.mode)
  ) {
    out.push(input('monitoring.started', monitoringNow));
  }
  const byNow = position.monitoredBy;
  if (state.monitoredBy && state.monitoredBy.supervisorId !== byNow?.supervisorId) {
    out.push(input('agent.unmonitored', { supervisorId: state.monitoredBy.supervisorId }));
  }
  if (
    byNow &&
    (state.monitoredBy?.supervisorId !== byNow.supervisorId || state.monitoredBy.mode !== byNow.mode)
  ) {
    out.push(input('agent.monitored', byNow));
  }

  const breakNow = agent.breakState;
  if (state.activity !== agent.state || state.breakState?.id !== breakNow?.id || out.length > 0) {
    out.push(input('agent.state_changed', { activity: agent.state, breakState: breakNow }));
  }
  return out;
}
