import type { Role } from '@puente/contracts';

/** A gateway session: who is logged in where, and the dialer token that acts for them. */
export interface StoredSession {
  sessionId: string;
  agentId: string;
  user: string;
  displayName: string;
  email: string | null;
  device: string;
  roles: Role[];
  /** The dialer's session token: a credential, never logged or sent to the panel. */
  dialerToken: string;
  refreshHash: string;
  refreshExpiresAt: number;
  createdAt: number;
  /** The panel's language tag and IANA time zone: how dates written for the agent read (issue 16 §2.9). */
  locale?: string;
  timeZone?: string;
}

/**
 * Where sessions and their refresh-token hashes live (A1): the node's
 * SQLite file on one node, Redis in cluster mode (issue 18 §2), where every
 * node reads through it. Async for Redis; the SQLite implementation does
 * each operation within the call, so one node keeps its old ordering.
 */
export abstract class SessionRepository {
  /** True when other nodes read and write the same sessions (Redis): SessionService then reads through. */
  abstract readonly shared: boolean;
  /** Adds or replaces the session. */
  abstract put(session: StoredSession): Promise<void>;
  abstract get(sessionId: string): Promise<StoredSession | undefined>;
  /** The session whose current refresh token has this hash. */
  abstract byRefresh(refreshHash: string): Promise<StoredSession | undefined>;
  /** The agent's session (one per agent). */
  abstract byAgent(agentId: string): Promise<StoredSession | undefined>;
  /**
   * Replaces the refresh hash only if it is still `from`: of two refreshes
   * with the same token, on any nodes, exactly one gets true.
   */
  abstract rotate(sessionId: string, from: string, to: string): Promise<boolean>;
  /** Removes the session; true if it was there (so one caller of several learns it ended it). */
  abstract delete(sessionId: string): Promise<boolean>;
  /** Every live session (the restore at start). */
  abstract all(): Promise<StoredSession[]>;
}
