import { type AgentEvent, agentEvent, initialAgentState, reduceAgentState } from '@puente/contracts';
import { withHeld } from './resume-answer';

/** Issue 18 §3: a resuming socket gets every event once — the answer, then what was held after it. */
const ev = (seq: number): AgentEvent =>
  agentEvent(
    'system.error',
    { seq, at: new Date(0).toISOString(), agentId: 'a1' },
    { code: 'X', message: `${seq}` },
  );
const seqs = (r: ReturnType<typeof withHeld>) =>
  r.mode === 'replay' ? r.events.map((e) => e.seq) : [`snapshot@${r.state.seq}`];
const never = () => {
  throw new Error('the current state is read only for a gap');
};

describe('withHeld: a resume answer and the live events held while it was read', () => {
  it('drops held events the answer holds and adds the later ones after it', () => {
    const answer = { mode: 'replay' as const, events: [ev(4), ev(5), ev(6)] };
    expect(seqs(withHeld(answer, 3, [ev(5), ev(6), ev(7), ev(8)], never))).toEqual([4, 5, 6, 7, 8]);
  });

  it('adds held events to an empty replay from where the panel stands', () => {
    expect(seqs(withHeld({ mode: 'replay', events: [] }, 9, [ev(9), ev(10)], never))).toEqual([10]);
  });

  it('folds held events into a snapshot', () => {
    const state = [ev(1), ev(2)].reduce(reduceAgentState, initialAgentState('a1'));
    const result = withHeld({ mode: 'snapshot', state }, 0, [ev(2), ev(3)], never);
    expect(seqs(result)).toEqual(['snapshot@3']);
  });

  it('answers the current state when the held events leave a gap after the answer', () => {
    const current = [1, 2, 3, 4, 5, 6, 7].map(ev).reduce(reduceAgentState, initialAgentState('a1'));
    const result = withHeld({ mode: 'replay', events: [ev(4)] }, 3, [ev(6), ev(7)], () => current);
    expect(seqs(result)).toEqual(['snapshot@7']);
  });
});
