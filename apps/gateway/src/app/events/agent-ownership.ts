import { Subject } from 'rxjs';

/**
 * Which agents this node follows at the dialer (their subscription runs
 * here). One node follows every agent logged in on it. In a cluster
 * (RedisAgentOwnership) exactly one node follows each agent: a login takes
 * the agent for the node that took it; a dead node's agents are taken over
 * (`gained`); a node that learns another took its agent stops (`lost`).
 */
export abstract class AgentOwnership {
  /** Agents this node took over from a dead node: resume following them. */
  readonly gained = new Subject<string>();
  /** Agents another node took: stop following them here (the session goes on). */
  readonly lost = new Subject<string>();
  /** Resolves once the node has looked for agents to take over at start (or at once, on one node). */
  abstract readonly settled: Promise<void>;

  /** Takes the agent for this node (it logged in here). */
  abstract claim(agentId: string): Promise<void>;
  /** Gives the agent up (its session ended). */
  abstract release(agentId: string): Promise<void>;
  /**
   * The fencing token the dialer subscription's writes carry: null on one
   * node (nothing to fence), undefined when this node does not hold the agent.
   */
  abstract fence(agentId: string): string | null | undefined;
  /** A write under this node's claim was refused: another node holds the agent now. */
  abstract refused(agentId: string): void;
}

/** One node: it follows every agent logged in on it, and nobody else can take one. */
export class LocalAgentOwnership extends AgentOwnership {
  readonly settled = Promise.resolve();

  claim(): Promise<void> {
    return Promise.resolve();
  }

  release(): Promise<void> {
    return Promise.resolve();
  }

  fence(): null {
    return null;
  }

  refused(): void {
    // Nothing else writes to this node's streams.
  }
}
