import type { NeoEvent } from '@puente/neoapi';
import { type AgentEventInput, input } from '../../events/agent-event-input';
import { toContactData, toDialerMode, toParticipant, toTransferTarget } from './neo-mapping';

/**
 * One dialer event → the Puente events it means (DESIGN principle 2: state
 * comes from the dialer's events). LoggedIn and Resync are handled by the
 * subscription (the gateway announces the session itself; a Resync is a
 * Position to diff against).
 */
export function translateNeoEvent(event: NeoEvent): AgentEventInput[] {
  const at = event.at;
  switch (event.type) {
    case 'LoggedIn':
    case 'Resync':
      return [];
    case 'LoggedOut':
      return [input('agent.logged_out', { reason: event.data.reason }, at)];
    case 'AgentState':
      return [
        input('agent.state_changed', { activity: event.data.state, breakState: event.data.breakState }, at),
      ];
    case 'CampaignJoined': {
      const c = event.data.campaign;
      return [
        input(
          'agent.campaign_joined',
          { campaignId: c.id, campaignName: c.name, dialerMode: c.dialerMode },
          at,
        ),
      ];
    }
    case 'CampaignLeft':
      return [input('agent.campaign_left', { campaignId: event.data.campaignId }, at)];
    case 'CallOffered': {
      const { call, contact } = event.data;
      return [
        input(
          'call.offered',
          {
            callId: call.callId,
            direction: call.direction,
            party: call.number,
            dialerMode: toDialerMode(call),
            campaignId: call.campaignId,
            queueId: call.queueId,
            status: call.state === 'dialing' ? 'dialing' : 'ringing',
            contact: contact ? toContactData(contact, call.callId) : null,
            recordingUrl: call.recordingUrl,
          },
          at,
        ),
      ];
    }
    case 'CallAnswered':
      return [input('call.answered', { callId: event.data.callId }, at)];
    case 'CallHeld':
      return [input('call.held', { callId: event.data.callId }, at)];
    case 'CallResumed':
      return [input('call.resumed', { callId: event.data.callId }, at)];
    case 'CallMuted':
      return [input('call.muted', { callId: event.data.callId }, at)];
    case 'CallUnmuted':
      return [input('call.unmuted', { callId: event.data.callId }, at)];
    case 'DtmfSent':
      return [input('call.dtmf_sent', { callId: event.data.callId, digits: event.data.digits }, at)];
    case 'TransferStarted':
      return [
        input(
          'call.transfer_started',
          {
            callId: event.data.callId,
            mode: event.data.mode,
            target: toTransferTarget(event.data.target, event.data.label),
          },
          at,
        ),
      ];
    case 'TransferEnded':
      return [input('call.transfer_ended', { callId: event.data.callId, outcome: event.data.outcome }, at)];
    case 'ConferenceStarted':
      return [input('call.conference_started', { callId: event.data.callId }, at)];
    case 'ParticipantJoined':
      return [
        input(
          'call.participant_joined',
          { callId: event.data.callId, participant: toParticipant(event.data.participant) },
          at,
        ),
      ];
    case 'ParticipantLeft':
      return [
        input(
          'call.participant_left',
          { callId: event.data.callId, participantId: event.data.participantId },
          at,
        ),
      ];
    case 'ConferenceEnded':
      return [input('call.conference_ended', { callId: event.data.callId }, at)];
    case 'CallEnded':
      return [input('call.ended', { callId: event.data.callId, cause: event.data.cause }, at)];
    case 'ContactUpdated':
      return [
        input(
          'contact.updated',
          { contact: toContactData(event.data.contact, event.data.contact.callId) },
          at,
        ),
      ];
    case 'ContactReleased':
      return [input('contact.released', { ...event.data }, at)];
    case 'MonitorStarted':
      return [input('monitoring.started', { ...event.data }, at)];
    case 'MonitorEnded':
      return [input('monitoring.ended', { ...event.data }, at)];
    case 'Monitored':
      return [input('agent.monitored', { ...event.data }, at)];
    case 'Unmonitored':
      return [input('agent.unmonitored', { ...event.data }, at)];
  }
}
