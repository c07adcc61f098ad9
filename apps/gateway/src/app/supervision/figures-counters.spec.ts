import { agentEvent, type AgentEvent, type AgentEventPayloads, type AgentEventType } from '@puente/contracts';
import { FiguresCounters } from './figures-counters';

const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const seqs = new Map<string, number>();

function ev<K extends AgentEventType>(
  agentId: string,
  second: number,
  type: K,
  payload: AgentEventPayloads[K],
): AgentEvent {
  const seq = (seqs.get(agentId) ?? 0) + 1;
  seqs.set(agentId, seq);
  return agentEvent(
    type,
    { seq, agentId, at: new Date(T0 + second * 1000).toISOString() },
    payload,
  ) as AgentEvent;
}

const offered = (callId: string, over: Partial<AgentEventPayloads['call.offered']> = {}) => ({
  callId,
  direction: 'inbound' as const,
  party: '+5411',
  dialerMode: null,
  campaignId: null,
  queueId: 'q1',
  status: 'ringing' as const,
  contact: null,
  ...over,
});

describe('FiguresCounters (E3 from events)', () => {
  it('counts offered, answered within the threshold, abandoned, and handle time to the end of wrap-up', () => {
    const counters = new FiguresCounters((key) => (key === 'queue:q1' ? 15 : 20));
    const feed: [AgentEvent, Parameters<FiguresCounters['apply']>[1]][] = [
      // a1: rings 5 s, answered (within 15 s), talks 60 s, wraps up 30 s → handle 90 s.
      [ev('a1', 0, 'call.offered', offered('c1')), 'reserved'],
      [ev('a1', 5, 'call.answered', { callId: 'c1' }), 'talking'],
      [ev('a1', 65, 'call.ended', { callId: 'c1', cause: 'customer_hangup' }), 'wrap_up'],
      [
        ev('a1', 80, 'contact.released', {
          contactId: 'x',
          categoryId: '1',
          subcategoryId: null,
          scheduledFor: null,
        }),
        'wrap_up',
      ],
      [ev('a1', 95, 'agent.state_changed', { activity: 'available', breakState: null }), 'available'],
      // a2: rings 30 s, answered late; the next call arrives straight after it ends (no wrap-up): handle 10 s.
      [ev('a2', 0, 'call.offered', offered('c2')), 'reserved'],
      [ev('a2', 30, 'call.answered', { callId: 'c2' }), 'talking'],
      [ev('a2', 40, 'call.ended', { callId: 'c2', cause: 'agent_hangup' }), 'wrap_up'],
      // The caller gives up while it rings: abandoned.
      [ev('a2', 40, 'call.offered', offered('c3')), 'reserved'],
      [ev('a2', 44, 'call.ended', { callId: 'c3', cause: 'customer_hangup' }), 'wrap_up'],
      // Ring-no-answer sent back to the queue is not an abandon.
      [ev('a2', 50, 'call.offered', offered('c4')), 'reserved'],
      [ev('a2', 70, 'call.ended', { callId: 'c4', cause: 'no_answer' }), 'wrap_up'],
      // An agent's own outbound call is neither offered nor answered, but its handle time counts.
      [
        ev(
          'a3',
          0,
          'call.offered',
          offered('c5', { direction: 'outbound', status: 'dialing', queueId: null, campaignId: '97' }),
        ),
        'reserved',
      ],
      [ev('a3', 10, 'call.answered', { callId: 'c5' }), 'talking'],
      [ev('a3', 40, 'call.ended', { callId: 'c5', cause: 'agent_hangup' }), 'wrap_up'],
      [
        ev('a3', 50, 'agent.state_changed', {
          activity: 'paused',
          breakState: { id: '1', name: 'Descanso' },
        }),
        'paused',
      ],
    ];
    for (const [event, activity] of feed) counters.apply(event, activity);
    expect(counters.counts('queue:q1')).toEqual({
      offered: 4,
      answered: 2,
      answeredWithin: 1,
      abandoned: 1,
      handled: 2,
      handleSecondsTotal: 90 + 10,
    });
    expect(counters.counts('campaign:97')).toEqual({
      offered: 0,
      answered: 0,
      answeredWithin: 0,
      abandoned: 0,
      handled: 1,
      handleSecondsTotal: 40,
    });
    counters.reset();
    expect(counters.counts('queue:q1').offered).toBe(0);
  });

  it('ignores events of another call and a call left unended at logout', () => {
    const counters = new FiguresCounters(() => 20);
    counters.apply(ev('a9', 0, 'call.offered', offered('c1')), 'reserved');
    counters.apply(ev('a9', 1, 'call.answered', { callId: 'other' }), 'reserved');
    counters.apply(ev('a9', 2, 'call.answered', { callId: 'c1' }), 'talking');
    counters.apply(ev('a9', 3, 'agent.logged_out', { reason: 'forced' }), 'logged_out');
    counters.apply(ev('a9', 4, 'call.ended', { callId: 'c1', cause: 'customer_hangup' }), 'logged_out');
    expect(counters.counts('queue:q1')).toMatchObject({ offered: 1, answered: 1, abandoned: 0, handled: 0 });
  });
});
