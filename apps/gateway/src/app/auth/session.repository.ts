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
 * Where sessions and their refresh-token hashes outlive a restart (A1).
 * SessionService keeps the live ones in memory and writes through; this is
 * read once, at start. Synchronous: login, refresh and logout write before
 * they answer, and the SQLite implementation does so in the same tick.
 */
export abstract class SessionRepository {
  /** Adds or replaces the session (a refresh rotates its hash). */
  abstract put(session: StoredSession): void;
  abstract delete(sessionId: string): void;
  abstract all(): StoredSession[];
}
