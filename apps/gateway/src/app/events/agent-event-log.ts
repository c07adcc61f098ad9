import type { AgentEvent, AgentState } from '@puente/contracts';

/** Where an agent's stream stands: its last seq, folded state, and the dialer cursor it was built from. */
export interface StoredStream {
  agentId: string;
  seq: number;
  dialerSeq: number;
  /** The dialer run `dialerSeq` counts in (Position.dialer.epoch); null: not known (issue 15 §1). */
  dialerEpoch: string | null;
  /** The dialer the agent's calls come from (Position.dialer.instanceId): part of a Task's CallObject. */
  dialerInstanceId: string | null;
  state: AgentState;
}

/**
 * Each agent's event log (A1, DESIGN principle 4): the stream's position and
 * state, and its recent events for replay. AgentStreams keeps the live
 * streams in memory and writes through; `stream` is read once per agent.
 * Synchronous: AgentStreams answers state and replays in the same tick
 * (publishing, the reducer and the panels' resume all run inside it).
 */
export abstract class AgentEventLog {
  /** The stream as last written, or undefined for an agent never seen. */
  abstract stream(agentId: string): StoredStream | undefined;
  /**
   * Records new events (in seq order) and the position they lead to, in one
   * write; may be batched, but a later `eventsAfter` sees it. Keeps about
   * the last `eventsPerAgent` events of each agent.
   */
  abstract append(stream: StoredStream, events: readonly AgentEvent[]): void;
  /** The kept events after `seq`, in order (older ones may have been trimmed: check continuity). */
  abstract eventsAfter(agentId: string, seq: number): AgentEvent[];
}
