import { agentEvent, type AgentState, initialAgentState, replayAgentEvents } from '@puente/contracts';
import type { NeoCall, NeoContact, NeoPosition } from '@puente/neoapi';
import type { AgentEventInput } from '../../events/agent-event-input';
import { positionToEvents } from './position-diff';
import { NEO_CONTACT } from '../../../testing/neo-fixtures';

const AT = '2026-11-23T10:00:00.000Z';

function apply(state: AgentState, inputs: AgentEventInput[]): AgentState {
  let seq = state.seq;
  return replayAgentEvents(
    state,
    inputs.map((i) =>
      agentEvent(i.type, { seq: ++seq, at: i.at ?? AT, agentId: state.agentId }, i.payload as never),
    ),
  );
}

const contact: NeoContact = { ...NEO_CONTACT, fields: { FirstName: 'Ana' } };

function call(over: Partial<NeoCall> = {}): NeoCall {
  return {
    callId: 'c1',
    direction: 'outbound',
    state: 'talking',
    number: '+541155551234',
    campaignId: '97',
    queueId: null,
    dialerMode: 'predictive',
    startedAt: AT,
    answeredAt: AT,
    transfer: null,
    participants: [],
    recordingUrl: null,
    ...over,
  };
}

function position(
  over: Partial<NeoPosition> & { state?: NeoPosition['agent']['state']; campaignId?: string | null } = {},
): NeoPosition {
  const { state = 'idle', campaignId = null, ...rest } = over;
  return {
    seq: 10,
    agent: {
      agentId: 'a1',
      user: 'agent1',
      displayName: 'Ana',
      email: null,
      device: '2001',
      roles: ['agent'],
      state,
      stateSince: AT,
      breakState: null,
      campaignId,
      queueIds: [],
    },
    call: null,
    contact: null,
    monitoring: null,
    monitoredBy: null,
    ...rest,
  };
}

const loggedIn = apply(initialAgentState('a1'), [
  {
    type: 'agent.logged_in',
    payload: { user: 'agent1', device: '2001', displayName: 'Ana', email: null, roles: ['agent'] },
  },
]);
const campaigns = new Map([['97', { name: 'SALESFORCE', dialerMode: 'predictive' as const }]]);

describe('positionToEvents', () => {
  it('says nothing when the state already matches', () => {
    expect(positionToEvents(loggedIn, position())).toEqual([]);
  });

  it('rebuilds a call in progress, on hold, with its contact and campaign', () => {
    const target = position({
      state: 'talking',
      campaignId: '97',
      call: call({ state: 'on_hold' }),
      contact,
    });
    const state = apply(loggedIn, positionToEvents(loggedIn, target, campaigns));
    expect(state.campaign).toEqual({ id: '97', name: 'SALESFORCE', dialerMode: 'predictive' });
    expect(state.call).toMatchObject({ callId: 'c1', status: 'on_hold' });
    expect(state.contact).toMatchObject({ contactId: '501', lastCallId: 'c1', crmKey: '0033000000abcDEF' });
    expect(state.activity).toBe('talking');
    expect(positionToEvents(state, target, campaigns)).toEqual([]);
  });

  it('ends a call the dialer no longer has and keeps the contact for wrap-up', () => {
    const inCall = apply(
      loggedIn,
      positionToEvents(loggedIn, position({ state: 'talking', call: call(), contact })),
    );
    const after = position({ state: 'wrap_up', contact: { ...contact, callId: '0' } });
    const state = apply(inCall, positionToEvents(inCall, after));
    expect(state.call).toMatchObject({ status: 'ended', endCause: 'ended_while_disconnected' });
    expect(state.activity).toBe('wrap_up');
    expect(state.contact?.contactId).toBe('501');
  });

  it('follows conference participants joining and leaving', () => {
    const p1 = { id: 'p1', kind: 'number' as const, address: '+34911234567', label: '+34911234567' };
    const p2 = { id: 'p2', kind: 'user' as const, address: 'agent2', label: 'Bruno' };
    let state = apply(
      loggedIn,
      positionToEvents(loggedIn, position({ state: 'talking', call: call(), contact })),
    );
    const conf = position({
      state: 'talking',
      call: call({ state: 'in_conference', participants: [p1, p2] }),
      contact,
    });
    state = apply(state, positionToEvents(state, conf));
    expect(state.call?.conference?.participants.map((p) => p.id)).toEqual(['p1', 'p2']);
    const fewer = position({
      state: 'talking',
      call: call({ state: 'in_conference', participants: [p2] }),
      contact,
    });
    state = apply(state, positionToEvents(state, fewer));
    expect(state.call?.conference?.participants.map((p) => p.id)).toEqual(['p2']);
  });

  it('releases a contact that is gone and restores a pause with its reason', () => {
    const wrap = apply(loggedIn, positionToEvents(loggedIn, position({ state: 'wrap_up', contact })));
    const paused = position({ state: 'paused' });
    paused.agent.breakState = { id: '1', name: '1 - Descanso' };
    const state = apply(wrap, positionToEvents(wrap, paused));
    expect(state.contact).toBeNull();
    expect(state.activity).toBe('paused');
    expect(state.breakState).toEqual({ id: '1', name: '1 - Descanso' });
  });

  it('tracks monitoring on both sides', () => {
    const state = apply(
      loggedIn,
      positionToEvents(
        loggedIn,
        position({ state: 'monitoring', monitoring: { targetAgentId: 'a2', mode: 'assist' } }),
      ),
    );
    expect(state.monitoring).toEqual({ targetAgentId: 'a2', mode: 'assist' });
    const ended = apply(state, positionToEvents(state, position({ state: 'idle' })));
    expect(ended.monitoring).toBeNull();
    expect(ended.activity).toBe('idle');
  });
});
