import type { StoredSession } from './session.repository';

/** Sessions of other nodes kept at hand, at most (the newest). */
const SEEN_LIMIT = 10_000;

/**
 * What one gateway node keeps of the sessions in memory. A *held* session is
 * one whose agent this node follows at the dialer (one per agent; all of
 * them on a single node). A *seen* session belongs to another node (cluster
 * mode, issue 18 §2): kept, bounded, for the requests this node serves with
 * it, so a command finds its dialer token after authenticate() read the
 * session through Redis, and still finds it when this node has just handed
 * the agent over to another node (a request already let in must not answer
 * 401 for a session that goes on).
 */
export class SessionRegistry {
  private readonly held = new Map<string, StoredSession>();
  private readonly byAgent = new Map<string, string>();
  private readonly seen = new Map<string, StoredSession>();

  /** A held or seen session. */
  get(sessionId: string): StoredSession | undefined {
    return this.held.get(sessionId) ?? this.seen.get(sessionId);
  }

  /** A session this node holds. */
  heldSession(sessionId: string): StoredSession | undefined {
    return this.held.get(sessionId);
  }

  /** The session this node holds for an agent. */
  heldFor(agentId: string): StoredSession | undefined {
    const sessionId = this.byAgent.get(agentId);
    return sessionId === undefined ? undefined : this.held.get(sessionId);
  }

  /** The sessions this node holds. */
  all(): StoredSession[] {
    return [...this.held.values()];
  }

  /** How many agents this node follows. */
  get agents(): number {
    return this.byAgent.size;
  }

  /** This node follows the session's agent now. */
  hold(session: StoredSession): void {
    this.seen.delete(session.sessionId);
    this.held.set(session.sessionId, session);
    this.byAgent.set(session.agentId, session.sessionId);
  }

  /** Another node's session, met by a request here. */
  remember(session: StoredSession): void {
    if (this.held.has(session.sessionId)) return;
    this.seen.delete(session.sessionId);
    this.seen.set(session.sessionId, session);
    if (this.seen.size > SEEN_LIMIT) this.seen.delete(this.seen.keys().next().value as string);
  }

  /** Another node's session that the store no longer has (it ended). */
  forgetSeen(sessionId: string): void {
    this.seen.delete(sessionId);
  }

  /** Another node follows the agent now: its session stays known here as a seen one. */
  handOver(agentId: string): StoredSession | undefined {
    const session = this.heldFor(agentId);
    this.byAgent.delete(agentId);
    if (!session) return undefined;
    this.held.delete(session.sessionId);
    this.remember(session);
    return session;
  }

  /**
   * The session ended: forgotten. Answers the session if this node held it,
   * and whether it was its agent's current one (whose subscription runs here).
   */
  forget(sessionId: string, agentId: string): { held?: StoredSession; current: boolean } {
    this.seen.delete(sessionId);
    const held = this.held.get(sessionId);
    if (!held) return { current: false };
    this.held.delete(sessionId);
    const current = this.byAgent.get(agentId) === sessionId;
    if (current) this.byAgent.delete(agentId);
    return { held, current };
  }
}
