import { type AgentEvent, agentEvent, initialAgentState } from '@puente/contracts';
import type { AgentEventLog, StoredStream } from './agent-event-log';

const tick = () => new Promise((resolve) => setImmediate(resolve));

const event = (agentId: string, seq: number): AgentEvent =>
  agentEvent('agent.state_changed', { seq, at: new Date(1_000 * seq).toISOString(), agentId }, {
    activity: 'idle',
    breakState: null,
  } as never);

const streamAt = (agentId: string, seq: number, dialerSeq = 0): StoredStream => ({
  agentId,
  seq,
  dialerSeq,
  dialerEpoch: 'run-1',
  dialerInstanceId: 'dialer-A',
  state: initialAgentState(agentId),
});

/**
 * What any AgentEventLog does; `eventsPerAgent` is the number of events the
 * log was made to keep per agent (it may keep more, never fewer).
 */
export function describeAgentEventLog(make: () => AgentEventLog, eventsPerAgent: number): void {
  describe('AgentEventLog contract', () => {
    let log: AgentEventLog;
    beforeEach(() => (log = make()));

    it('knows no stream for an agent never seen', () => {
      expect(log.stream('nobody')).toBeUndefined();
      expect(log.eventsAfter('nobody', 0)).toEqual([]);
    });

    it('answers appended events in order after a seq, and the stream they lead to', async () => {
      log.append(streamAt('7', 2, 10), [event('7', 1), event('7', 2)]);
      log.append(streamAt('7', 3, 11), [event('7', 3)]);
      expect(log.eventsAfter('7', 1).map((e) => e.seq)).toEqual([2, 3]);
      await tick();
      expect(log.stream('7')).toEqual(streamAt('7', 3, 11));
    });

    it('keeps streams apart per agent', async () => {
      log.append(streamAt('7', 1), [event('7', 1)]);
      log.append(streamAt('8', 1), [event('8', 1)]);
      expect(log.eventsAfter('8', 0)).toEqual([event('8', 1)]);
      await tick();
      expect(log.stream('8')?.agentId).toBe('8');
    });

    it('records a move of the dialer cursor without events', async () => {
      log.append(streamAt('7', 1, 5), [event('7', 1)]);
      log.append({ ...streamAt('7', 1, 2), dialerEpoch: 'run-2' }, []);
      await tick();
      expect(log.stream('7')).toMatchObject({ seq: 1, dialerSeq: 2, dialerEpoch: 'run-2' });
    });

    it(`keeps at least the last ${eventsPerAgent} events and drops the oldest beyond`, () => {
      const total = eventsPerAgent * 2;
      for (let seq = 1; seq <= total; seq++) log.append(streamAt('7', seq), [event('7', seq)]);
      const kept = log.eventsAfter('7', 0).map((e) => e.seq);
      expect(kept.slice(-eventsPerAgent)).toEqual(
        Array.from({ length: eventsPerAgent }, (_, i) => total - eventsPerAgent + 1 + i),
      );
      expect(kept[0]).toBeGreaterThan(1);
    });
  });
}
