import type { AgentEvent, AgentEventPayloads, AgentEventType } from './agent-events';
import { type AgentState, type CallState, initialAgentState } from './agent-state';

type Handler<K extends AgentEventType> = (
  state: AgentState,
  payload: AgentEventPayloads[K],
  at: string,
) => AgentState;

function secondsBetween(from: string, to: string): number {
  return Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);
}

function withActivity(state: AgentState, activity: AgentState['activity'], at: string): AgentState {
  return state.activity === activity ? state : { ...state, activity, activitySince: at };
}

/** Applies `change` to the current call only when the event is about it. */
function onCall(state: AgentState, callId: string, change: (call: CallState) => CallState): AgentState {
  if (!state.call || state.call.callId !== callId) return state;
  return { ...state, call: change(state.call) };
}

function closeHold(call: CallState, at: string): CallState {
  if (!call.heldSince) return call;
  return { ...call, heldSince: null, holdSeconds: call.holdSeconds + secondsBetween(call.heldSince, at) };
}

const handlers: { [K in AgentEventType]: Handler<K> } = {
  'agent.logged_in': (state, p, at) => ({
    ...initialAgentState(state.agentId),
    seq: state.seq,
    session: { ...p, loggedInAt: at },
    activity: 'idle',
    activitySince: at,
    dialerStatus: state.dialerStatus,
  }),
  'agent.logged_out': (state, _p, at) => ({
    ...initialAgentState(state.agentId),
    seq: state.seq,
    activitySince: at,
    dialerStatus: state.dialerStatus,
  }),
  'agent.state_changed': (state, p, at) => ({
    ...withActivity(state, p.activity, at),
    breakState: p.activity === 'paused' ? p.breakState : null,
    ...(p.activity === 'paused' && state.breakState?.id !== p.breakState?.id ? { activitySince: at } : {}),
  }),
  'agent.campaign_joined': (state, p) => ({
    ...state,
    campaign: { id: p.campaignId, name: p.campaignName, dialerMode: p.dialerMode },
  }),
  'agent.campaign_left': (state, p) =>
    state.campaign?.id === p.campaignId ? { ...state, campaign: null } : state,
  'call.offered': (state, p, at) => ({
    ...withActivity(state, 'reserved', at),
    breakState: null,
    autoReleaseAt: null,
    crm: null,
    call: {
      callId: p.callId,
      direction: p.direction,
      status: p.status,
      party: p.party,
      dialerMode: p.dialerMode,
      campaignId: p.campaignId,
      queueId: p.queueId,
      startedAt: at,
      answeredAt: null,
      endedAt: null,
      endCause: null,
      heldSince: null,
      holdSeconds: 0,
      transfer: null,
      conference: null,
      dtmf: '',
      recordingUrl: p.recordingUrl ?? null,
    },
    contact: p.contact ? { ...p.contact, lastCallId: p.callId } : state.contact,
  }),
  'call.answered': (state, p, at) => {
    const next = onCall(state, p.callId, (call) => ({
      ...call,
      status: 'talking',
      answeredAt: call.answeredAt ?? at,
    }));
    return next === state ? state : withActivity(next, 'talking', at);
  },
  'call.held': (state, p, at) =>
    onCall(state, p.callId, (call) =>
      call.heldSince ? call : { ...call, status: 'on_hold', heldSince: at },
    ),
  'call.resumed': (state, p, at) =>
    onCall(state, p.callId, (call) => ({
      ...closeHold(call, at),
      status: call.conference ? 'in_conference' : call.transfer ? 'transferring' : 'talking',
    })),
  'call.muted': (state, p) =>
    onCall(state, p.callId, (call) => (call.muted ? call : { ...call, muted: true })),
  'call.unmuted': (state, p) =>
    onCall(state, p.callId, (call) => (call.muted ? { ...call, muted: false } : call)),
  'call.dtmf_sent': (state, p) =>
    onCall(state, p.callId, (call) => ({ ...call, dtmf: call.dtmf + p.digits })),
  'call.transfer_started': (state, p, at) =>
    onCall(state, p.callId, (call) => ({
      // The customer waits on hold while the agent consults: the hold timer runs on (issue 16 §2.7).
      ...(p.mode === 'attended' ? { ...call, heldSince: call.heldSince ?? at } : closeHold(call, at)),
      status: 'transferring',
      transfer: { mode: p.mode, target: p.target, since: at },
    })),
  'call.transfer_ended': (state, p, at) =>
    onCall(state, p.callId, (call) =>
      p.outcome === 'completed'
        ? { ...closeHold(call, at), transfer: null }
        : {
            ...closeHold(call, at),
            transfer: null,
            status: call.conference ? 'in_conference' : 'talking',
          },
    ),
  'call.conference_started': (state, p, at) =>
    onCall(state, p.callId, (call) => ({
      ...closeHold(call, at),
      status: 'in_conference',
      conference: call.conference ?? { participants: [] },
    })),
  'call.participant_joined': (state, p) =>
    onCall(state, p.callId, (call) => {
      const participants = call.conference?.participants ?? [];
      if (participants.some((x) => x.id === p.participant.id)) return call;
      return {
        ...call,
        status: 'in_conference',
        conference: { participants: [...participants, p.participant] },
      };
    }),
  'call.participant_left': (state, p) =>
    onCall(state, p.callId, (call) =>
      call.conference
        ? {
            ...call,
            conference: {
              participants: call.conference.participants.filter((x) => x.id !== p.participantId),
            },
          }
        : call,
    ),
  'call.conference_ended': (state, p) =>
    onCall(state, p.callId, (call) => ({
      ...call,
      conference: null,
      status: call.status === 'ended' ? 'ended' : 'talking',
    })),
  'call.ended': (state, p, at) => {
    const next = onCall(state, p.callId, (call) => ({
      ...closeHold(call, at),
      status: 'ended',
      endedAt: at,
      endCause: p.cause,
      transfer: null,
      conference: null,
    }));
    if (next === state) return state;
    return {
      ...withActivity(next, 'wrap_up', at),
      contact: next.contact ? { ...next.contact, lastCallId: '0' } : null,
      // Help asked for on this call is moot once it ended (a supervisor can no longer join it).
      ...(next.help?.callId === p.callId ? { help: null } : {}),
    };
  },
  'contact.updated': (state, p) => ({
    ...state,
    contact: {
      ...p.contact,
      lastCallId: state.call && state.call.status !== 'ended' ? state.call.callId : '0',
    },
  }),
  'contact.released': (state, p) =>
    !state.contact || state.contact.contactId === p.contactId
      ? {
          ...state,
          contact: null,
          autoReleaseAt: null,
          crm: null,
          call: state.call?.status === 'ended' ? null : state.call,
        }
      : state,
  'contact.auto_release': (state, p) =>
    state.contact?.contactId === p.contactId ? { ...state, autoReleaseAt: p.at } : state,
  'crm.pop': (state, { timing: _timing, ...view }) => ({
    ...state,
    crm: {
      ...view,
      linked:
        view.decision.type === 'record' && view.caller
          ? { objectType: view.caller.objectType, recordId: view.caller.recordId, name: view.caller.name }
          : null,
    },
  }),
  'crm.record_linked': (state, p) =>
    state.crm?.callId === p.callId
      ? {
          ...state,
          crm: { ...state.crm, linked: { objectType: p.objectType, recordId: p.recordId, name: p.name } },
        }
      : state,
  'monitoring.started': (state, p, at) => ({
    ...withActivity(state, 'monitoring', at),
    monitoring: { targetAgentId: p.targetAgentId, mode: p.mode },
  }),
  'monitoring.ended': (state, p) =>
    state.monitoring?.targetAgentId === p.targetAgentId ? { ...state, monitoring: null } : state,
  'agent.monitored': (state, p) => ({
    ...state,
    monitoredBy: { supervisorId: p.supervisorId, mode: p.mode },
    // A supervisor joining is the answer to a request for help.
    help: null,
  }),
  'call.recording': (state, p) => onCall(state, p.callId, (call) => ({ ...call, recordingPaused: p.paused })),
  'agent.help_requested': (state, p, at) => ({
    ...state,
    help: { callId: p.callId, reason: p.reason, since: state.help?.since ?? at },
  }),
  'agent.help_ended': (state) => (state.help ? { ...state, help: null } : state),
  'agent.unmonitored': (state, p) =>
    state.monitoredBy?.supervisorId === p.supervisorId ? { ...state, monitoredBy: null } : state,
  'system.dialer_status': (state, p) => ({ ...state, dialerStatus: p.status }),
  'system.error': (state, p, at) => ({ ...state, lastError: { code: p.code, message: p.message, at } }),
};

/**
 * The one agent-state reducer (DESIGN principle 2), used by the gateway for
 * recovery and the supervisor board, and by the panel for its view. Pure:
 * an event already applied (seq not above the state's) or meant for another
 * agent leaves the state untouched, so replays after a reconnect are safe.
 */
export function reduceAgentState(state: AgentState, event: AgentEvent): AgentState {
  if (event.agentId !== state.agentId || event.seq <= state.seq) return state;
  const handler = handlers[event.type] as Handler<AgentEventType>;
  return { ...handler(state, event.payload, event.at), seq: event.seq };
}

/** Folds a list of events, in order, onto a state. */
export function replayAgentEvents(state: AgentState, events: readonly AgentEvent[]): AgentState {
  return events.reduce(reduceAgentState, state);
}
