import { type AgentState, type CallState, initialAgentState } from '@puente/contracts';

/** A logged-in agent's state with plausible defaults, for component tests. */
export function agentState(patch: Partial<AgentState> = {}): AgentState {
  return {
    ...initialAgentState('a0002'),
    seq: 1,
    session: {
      user: 'agent02',
      device: '1002',
      displayName: 'Agente 02',
      email: null,
      roles: ['agent'],
      loggedInAt: '2026-12-07T09:00:00.000Z',
    },
    activity: 'idle',
    activitySince: '2026-12-07T09:00:00.000Z',
    ...patch,
  };
}

/** A call with plausible defaults: an answered inbound call unless patched. */
export function callState(patch: Partial<CallState> = {}): CallState {
  return {
    callId: '9001',
    direction: 'inbound',
    status: 'talking',
    party: '+541155551234',
    dialerMode: 'inbound',
    campaignId: null,
    queueId: '1',
    startedAt: '2026-12-07T10:00:00.000Z',
    answeredAt: '2026-12-07T10:00:05.000Z',
    endedAt: null,
    endCause: null,
    heldSince: null,
    holdSeconds: 0,
    transfer: null,
    conference: null,
    dtmf: '',
    ...patch,
  };
}
