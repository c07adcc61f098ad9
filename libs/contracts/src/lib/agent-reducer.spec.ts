import {
  agentEvent,
  type AgentEvent,
  type AgentEventPayloads,
  type AgentEventType,
  AgentEventSchema,
} from './agent-events';
import { reduceAgentState, replayAgentEvents } from './agent-reducer';
import { type ContactData, initialAgentState } from './agent-state';

const AGENT = 'agent-7';
let seq = 0;
let clock = Date.parse('2026-11-23T10:00:00.000Z');

function ev<K extends AgentEventType>(
  type: K,
  payload: AgentEventPayloads[K],
  advanceSeconds = 1,
): AgentEvent<K> {
  seq += 1;
  clock += advanceSeconds * 1000;
  return agentEvent(type, { seq, at: new Date(clock).toISOString(), agentId: AGENT }, payload);
}

const contact: ContactData = {
  lastCallId: '',
  contactId: '5001',
  databaseId: '12',
  crmId: '3',
  crmKey: '0033000000abcDEF',
  phoneNumber: '+541155551234',
  campaignId: '97',
  queueId: null,
  callReason: 'No procesado',
  externalData: { callDialer: 'predictive', campaignCrmId: '3' },
};

function loggedIn() {
  return [
    ev('agent.logged_in', {
      user: 'agent1',
      device: '2001',
      displayName: 'Ana Agent',
      email: 'agent1@puente.demo',
      roles: ['agent'],
    }),
    ev('agent.campaign_joined', { campaignId: '97', campaignName: 'SALESFORCE', dialerMode: 'predictive' }),
    ev('agent.state_changed', { activity: 'available', breakState: null }),
  ];
}

function offered(callId = 'c-1') {
  return ev('call.offered', {
    callId,
    direction: 'outbound',
    party: '+541155551234',
    dialerMode: 'predictive',
    campaignId: '97',
    queueId: null,
    status: 'ringing',
    contact,
  });
}

beforeEach(() => {
  seq = 0;
  clock = Date.parse('2026-11-23T10:00:00.000Z');
});

describe('reduceAgentState', () => {
  it('starts logged out and logs in idle with the session the dialer gave', () => {
    const initial = initialAgentState(AGENT);
    expect(initial.activity).toBe('logged_out');
    const state = replayAgentEvents(initial, loggedIn().slice(0, 1));
    expect(state.activity).toBe('idle');
    expect(state.session).toMatchObject({ user: 'agent1', device: '2001', roles: ['agent'] });
    expect(state.seq).toBe(1);
  });

  it('tracks campaign membership and availability', () => {
    const state = replayAgentEvents(initialAgentState(AGENT), loggedIn());
    expect(state.campaign).toEqual({ id: '97', name: 'SALESFORCE', dialerMode: 'predictive' });
    expect(state.activity).toBe('available');
    const left = reduceAgentState(state, ev('agent.campaign_left', { campaignId: '97' }));
    expect(left.campaign).toBeNull();
  });

  it('keeps the break state while paused and resets time in state when the reason changes', () => {
    let state = replayAgentEvents(initialAgentState(AGENT), loggedIn());
    state = reduceAgentState(
      state,
      ev('agent.state_changed', { activity: 'paused', breakState: { id: '1', name: '1 - Descanso' } }),
    );
    expect(state.breakState).toEqual({ id: '1', name: '1 - Descanso' });
    const firstSince = state.activitySince;
    state = reduceAgentState(
      state,
      ev('agent.state_changed', { activity: 'paused', breakState: { id: '2', name: '2 - Baño' } }, 30),
    );
    expect(state.activitySince).not.toBe(firstSince);
    state = reduceAgentState(state, ev('agent.state_changed', { activity: 'available', breakState: null }));
    expect(state.breakState).toBeNull();
  });

  it('walks a call from offered to wrap-up with hold time and the info panel (C9)', () => {
    let state = replayAgentEvents(initialAgentState(AGENT), [...loggedIn(), offered()]);
    expect(state.activity).toBe('reserved');
    expect(state.call?.status).toBe('ringing');
    expect(state.contact?.lastCallId).toBe('c-1');

    state = replayAgentEvents(state, [
      ev('call.answered', { callId: 'c-1' }),
      ev('call.held', { callId: 'c-1' }, 5),
      ev('call.resumed', { callId: 'c-1' }, 12),
      ev('call.dtmf_sent', { callId: 'c-1', digits: '12#' }),
    ]);
    expect(state.activity).toBe('talking');
    expect(state.call?.status).toBe('talking');
    expect(state.call?.holdSeconds).toBe(12);
    expect(state.call?.dtmf).toBe('12#');

    state = reduceAgentState(state, ev('call.ended', { callId: 'c-1', cause: 'customer_hangup' }));
    expect(state.activity).toBe('wrap_up');
    expect(state.call).toMatchObject({ status: 'ended', endCause: 'customer_hangup' });
    expect(state.contact?.lastCallId).toBe('0');
    expect(state.contact?.contactId).toBe('5001');

    state = reduceAgentState(
      state,
      ev('contact.released', { contactId: '5001', categoryId: '4', subcategoryId: '9', scheduledFor: null }),
    );
    expect(state.contact).toBeNull();
    expect(state.call).toBeNull();
  });

  it('returns to the original call when an attended transfer is cancelled (B4 end of transfer)', () => {
    let state = replayAgentEvents(initialAgentState(AGENT), [
      ...loggedIn(),
      offered(),
      ev('call.answered', { callId: 'c-1' }),
    ]);
    state = reduceAgentState(
      state,
      ev('call.transfer_started', {
        callId: 'c-1',
        mode: 'attended',
        target: { kind: 'queue', id: 'q-2', label: 'Ventas' },
      }),
    );
    expect(state.call?.status).toBe('transferring');
    expect(state.call?.transfer?.target.label).toBe('Ventas');
    state = reduceAgentState(state, ev('call.transfer_ended', { callId: 'c-1', outcome: 'cancelled' }));
    expect(state.call?.status).toBe('talking');
    expect(state.call?.transfer).toBeNull();
  });

  it('keeps the customer on hold, timed, while the agent consults in an attended transfer (issue 16 §2.7)', () => {
    let state = replayAgentEvents(initialAgentState(AGENT), [
      ...loggedIn(),
      offered(),
      ev('call.answered', { callId: 'c-1' }),
      ev('call.held', { callId: 'c-1' }),
    ]);
    // Held 5 s, then the consult starts: the same hold goes on.
    state = reduceAgentState(
      state,
      ev(
        'call.transfer_started',
        { callId: 'c-1', mode: 'attended', target: { kind: 'user', id: 'a2', label: 'Agente 02' } },
        5,
      ),
    );
    expect(state.call?.heldSince).not.toBeNull();
    state = reduceAgentState(state, ev('call.transfer_ended', { callId: 'c-1', outcome: 'cancelled' }, 30));
    expect(state.call).toMatchObject({ status: 'talking', heldSince: null, holdSeconds: 35 });

    // A consult started from talking puts the customer on hold as it starts.
    state = reduceAgentState(
      state,
      ev(
        'call.transfer_started',
        { callId: 'c-1', mode: 'attended', target: { kind: 'user', id: 'a2', label: 'Agente 02' } },
        10,
      ),
    );
    expect(state.call?.heldSince).toBe(new Date(clock).toISOString());
    state = reduceAgentState(state, ev('call.transfer_ended', { callId: 'c-1', outcome: 'cancelled' }, 20));
    expect(state.call).toMatchObject({ heldSince: null, holdSeconds: 55 });
  });

  it('adds conference participants one at a time and ends the conference (B5)', () => {
    let state = replayAgentEvents(initialAgentState(AGENT), [
      ...loggedIn(),
      offered(),
      ev('call.answered', { callId: 'c-1' }),
    ]);
    state = replayAgentEvents(state, [
      ev('call.conference_started', { callId: 'c-1' }),
      ev('call.participant_joined', {
        callId: 'c-1',
        participant: { id: 'p-1', kind: 'number', address: '+34911234567', label: '+34911234567' },
      }),
      ev('call.participant_joined', {
        callId: 'c-1',
        participant: { id: 'p-2', kind: 'user', address: 'agent2', label: 'Bruno' },
      }),
    ]);
    expect(state.call?.status).toBe('in_conference');
    expect(state.call?.conference?.participants.map((p) => p.id)).toEqual(['p-1', 'p-2']);
    state = reduceAgentState(state, ev('call.participant_left', { callId: 'c-1', participantId: 'p-1' }));
    expect(state.call?.conference?.participants.map((p) => p.id)).toEqual(['p-2']);
    state = reduceAgentState(state, ev('call.conference_ended', { callId: 'c-1' }));
    expect(state.call?.status).toBe('talking');
    expect(state.call?.conference).toBeNull();
  });

  it('ignores events for other calls, other agents, and events already applied', () => {
    const state = replayAgentEvents(initialAgentState(AGENT), [...loggedIn(), offered()]);
    const otherCall = ev('call.answered', { callId: 'other' });
    // Only the position in the stream moves, so a replay of that event is skipped too.
    expect(reduceAgentState(state, otherCall)).toEqual({ ...state, seq: otherCall.seq });
    const foreign = { ...ev('call.answered', { callId: 'c-1' }), agentId: 'someone-else' };
    expect(reduceAgentState(state, foreign)).toBe(state);
    const replayed = { ...ev('call.answered', { callId: 'c-1' }), seq: state.seq };
    expect(reduceAgentState(state, replayed)).toBe(state);
  });

  it('gives the same state whether events arrive once or are replayed after a reconnect', () => {
    const events = [
      ...loggedIn(),
      offered(),
      ev('call.answered', { callId: 'c-1' }),
      ev('call.held', { callId: 'c-1' }),
    ];
    const once = replayAgentEvents(initialAgentState(AGENT), events);
    const twice = replayAgentEvents(replayAgentEvents(initialAgentState(AGENT), events.slice(0, 3)), events);
    expect(twice).toEqual(once);
  });

  it('records monitoring on both sides and dialer outages', () => {
    let state = replayAgentEvents(initialAgentState(AGENT), loggedIn());
    state = reduceAgentState(state, ev('agent.monitored', { supervisorId: 'sup1', mode: 'listen' }));
    expect(state.monitoredBy).toEqual({ supervisorId: 'sup1', mode: 'listen' });
    state = reduceAgentState(state, ev('agent.unmonitored', { supervisorId: 'sup1' }));
    expect(state.monitoredBy).toBeNull();
    state = reduceAgentState(state, ev('monitoring.started', { targetAgentId: 'agent-3', mode: 'barge' }));
    expect(state.activity).toBe('monitoring');
    expect(state.monitoring).toEqual({ targetAgentId: 'agent-3', mode: 'barge' });
    state = reduceAgentState(state, ev('system.dialer_status', { status: 'down' }));
    expect(state.dialerStatus).toBe('down');
  });

  it('clears everything but the dialer link on logout', () => {
    const state = replayAgentEvents(initialAgentState(AGENT), [
      ...loggedIn(),
      offered(),
      ev('system.dialer_status', { status: 'down' }),
      ev('agent.logged_out', { reason: 'replaced' }),
    ]);
    expect(state).toMatchObject({
      activity: 'logged_out',
      session: null,
      call: null,
      contact: null,
      campaign: null,
      dialerStatus: 'down',
    });
  });
});

describe('AgentEventSchema', () => {
  it('accepts a well-formed event and rejects a payload of the wrong shape', () => {
    const good = offered();
    expect(AgentEventSchema.parse(good)).toEqual(good);
    const bad = { ...good, payload: { ...good.payload, direction: 'sideways' } };
    expect(AgentEventSchema.safeParse(bad).success).toBe(false);
    expect(AgentEventSchema.safeParse({ ...good, type: 'call.teleported' }).success).toBe(false);
  });
});

describe('Salesforce view (C1-C4)', () => {
  it('keeps the pop decision, links the record found or synced, and forgets it on release', () => {
    let state = replayAgentEvents(initialAgentState(AGENT), [...loggedIn(), offered()]);
    state = reduceAgentState(
      state,
      ev('crm.pop', {
        callId: 'c-1',
        searchBy: 'Phone',
        searchData: '+541155551234',
        decision: {
          type: 'new_record',
          objectType: 'Contact',
          defaultFieldValues: { Phone: '+541155551234' },
          syncId: '900001',
        },
        matches: 0,
        callerName: 'Unknown caller',
        caller: null,
      }),
    );
    expect(state.crm?.linked).toBeNull();
    state = reduceAgentState(
      state,
      ev('crm.record_linked', {
        callId: 'c-1',
        objectType: 'Contact',
        recordId: '003000000000001AAA',
        name: 'Ana Pérez',
      }),
    );
    expect(state.crm?.linked).toEqual({
      objectType: 'Contact',
      recordId: '003000000000001AAA',
      name: 'Ana Pérez',
    });
    state = replayAgentEvents(state, [
      ev('call.ended', { callId: 'c-1', cause: 'agent_hangup' }),
      ev('contact.released', {
        contactId: '5001',
        categoryId: null,
        subcategoryId: null,
        scheduledFor: null,
      }),
    ]);
    expect(state.crm).toBeNull();
  });

  it('treats a single match as linked from the start', () => {
    const state = replayAgentEvents(initialAgentState(AGENT), [
      ...loggedIn(),
      offered(),
      ev('crm.pop', {
        callId: 'c-1',
        searchBy: 'neoContactId__c',
        searchData: '5001',
        decision: { type: 'record', objectType: 'Contact', recordId: '003000000000002AAA' },
        matches: 1,
        callerName: 'Bruno Díaz',
        caller: {
          recordId: '003000000000002AAA',
          objectType: 'Contact',
          name: 'Bruno Díaz',
          fields: [{ label: 'Owner', value: 'Ana' }],
        },
      }),
    ]);
    expect(state.crm?.linked?.recordId).toBe('003000000000002AAA');
  });
});
