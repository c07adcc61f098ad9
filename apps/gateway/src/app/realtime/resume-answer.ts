import { type AgentEvent, type AgentState, reduceAgentState, type ResumeResult } from '@puente/contracts';

/** The seq a panel stands at once it applied `result` on top of `lastSeq`. */
export function seqAfter(result: ResumeResult, lastSeq: number): number {
  return result.mode === 'snapshot' ? result.state.seq : (result.events.at(-1)?.seq ?? lastSeq);
}

/**
 * A resume answer completed with the live events the node showed while the
 * answer was read (held back from the resuming socket), so the socket gets
 * every event once and in order: the answer up to its own end, then the
 * held ones after it. A held event the answer already holds is dropped; one
 * that would leave a gap (the node's copy jumped) turns the answer into the
 * node's current state. Why a cluster needs it: the answer is read from
 * Redis while the node's own copy of the stream moves on (docs/operations.md).
 */
export function withHeld(
  result: ResumeResult,
  lastSeq: number,
  held: readonly AgentEvent[],
  current: () => AgentState,
): ResumeResult {
  const seq = seqAfter(result, lastSeq);
  const after = held.filter((e) => e.seq > seq);
  if (after.length === 0) return result;
  if (after.some((e, i) => e.seq !== seq + 1 + i)) return { mode: 'snapshot', state: current() };
  if (result.mode === 'snapshot')
    return { mode: 'snapshot', state: after.reduce(reduceAgentState, result.state) };
  return { mode: 'replay', events: [...result.events, ...after] };
}
