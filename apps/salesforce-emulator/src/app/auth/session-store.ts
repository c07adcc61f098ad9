import { randomBytes } from 'node:crypto';

export interface Session {
  accessToken: string;
  userId: string;
  clientId: string;
  issuedAt: number;
  lastUsedAt: number;
  /** The refresh token this session came from, if any (revoking it ends the session). */
  refreshToken: string | null;
}

export interface RefreshGrant {
  token: string;
  userId: string;
  clientId: string;
  issuedAt: number;
}

export interface SessionSnapshot {
  sessions: Session[];
  refreshTokens: RefreshGrant[];
}

/**
 * Access and refresh tokens. Access tokens look like Salesforce's
 * ("00D…!AQ…") and time out after `ttlMs` without use: every call made with
 * one pushes its expiry back, as a real session's inactivity time-out does.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();

  constructor(
    private readonly orgId15: string,
    private readonly ttlMs: number,
    /** Told of every change worth saving (not of mere use). */
    private readonly onChange: () => void = () => undefined,
  ) {}

  issue(userId: string, clientId: string, now: number, refreshToken: string | null = null): Session {
    const session: Session = {
      accessToken: `${this.orgId15}!AQ${randomBytes(72).toString('base64url')}`,
      userId,
      clientId,
      issuedAt: now,
      lastUsedAt: now,
      refreshToken,
    };
    this.sessions.set(session.accessToken, session);
    this.onChange();
    return session;
  }

  issueRefreshToken(userId: string, clientId: string, now: number): RefreshGrant {
    const grant = { token: `5Aep${randomBytes(64).toString('base64url')}`, userId, clientId, issuedAt: now };
    this.refreshTokens.set(grant.token, grant);
    this.onChange();
    return grant;
  }

  refreshGrant(token: string): RefreshGrant | undefined {
    return this.refreshTokens.get(token);
  }

  /** The live session of an access token, its time-out pushed back; undefined when unknown or timed out. */
  use(token: string, now: number): Session | undefined {
    const session = this.sessions.get(token);
    if (!session) return undefined;
    if (now - session.lastUsedAt > this.ttlMs) {
      this.sessions.delete(token);
      return undefined;
    }
    session.lastUsedAt = now;
    return session;
  }

  /** Revokes an access token, or a refresh token together with the sessions it issued. */
  revoke(token: string): boolean {
    if (this.sessions.delete(token)) {
      this.onChange();
      return true;
    }
    if (!this.refreshTokens.delete(token)) return false;
    for (const [key, s] of this.sessions) if (s.refreshToken === token) this.sessions.delete(key);
    this.onChange();
    return true;
  }

  /** Ends every session now (refresh tokens stay valid): clients must refresh. */
  expireAll(): number {
    const count = this.sessions.size;
    this.sessions.clear();
    this.onChange();
    return count;
  }

  get activeSessions(): number {
    return this.sessions.size;
  }

  snapshot(): SessionSnapshot {
    return { sessions: [...this.sessions.values()], refreshTokens: [...this.refreshTokens.values()] };
  }

  restore(snapshot: SessionSnapshot): void {
    this.sessions.clear();
    this.refreshTokens.clear();
    for (const s of snapshot.sessions) this.sessions.set(s.accessToken, s);
    for (const r of snapshot.refreshTokens) this.refreshTokens.set(r.token, r);
  }
}
