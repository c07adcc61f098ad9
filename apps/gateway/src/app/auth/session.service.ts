import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { LoginRequest, SessionResponse } from '@puente/contracts';
import { Subject } from 'rxjs';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { DialerError } from '../dialer/dialer-error';
import { DIALER, type Dialer } from '../dialer/dialer.port';
import { AgentStreams } from '../events/agent-streams.service';
import { DialerSubscriptions } from '../events/dialer-subscriptions.service';
import { ApiError } from '../http/api-error';
import { MetricsService } from '../metrics/metrics.service';
import { type AccessClaims, signAccessToken, verifyAccessToken } from './access-token';
import { LoginAttempts } from './limits/login-attempts.service';
import { type Principal, principalOf } from './principal';
import { SessionRepository, type StoredSession } from './session.repository';
import { SigningKeyRepository } from './signing-key.repository';
import { type TokenKeys, tokenKeysFrom } from './token-keys';

export type EndReason = 'logout' | 'replaced' | 'expired' | 'forced';

export interface SessionEnded {
  sessionId: string;
  agentId: string;
  reason: EndReason;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Agent sessions (A1): log in through the dialer, hand out a short-lived
 * access token and a rotating refresh token, keep exactly one session per
 * agent (a login elsewhere closes the older one, which is told why), and
 * survive a gateway restart without logging anybody out of the dialer.
 */
@Injectable()
export class SessionService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Sessions');
  private readonly sessions = new Map<string, StoredSession>();
  private readonly byAgent = new Map<string, string>();
  private readonly byRefresh = new Map<string, string>();
  private readonly keys: TokenKeys;
  readonly ended = new Subject<SessionEnded>();
  private markRestored: () => void = () => undefined;
  /**
   * Resolves once the sessions kept across a restart are back: work that
   * needs an agent's session at start (the journal finishing a Task whose
   * release a crash interrupted) waits for it, whatever order Nest runs the
   * modules' bootstrap hooks in.
   */
  readonly restored = new Promise<void>((resolve) => (this.markRestored = resolve));

  constructor(
    @Inject(DIALER) private readonly dialer: Dialer,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly store: SessionRepository,
    signingKeys: SigningKeyRepository,
    private readonly streams: AgentStreams,
    private readonly subscriptions: DialerSubscriptions,
    private readonly metrics: MetricsService,
    private readonly attempts: LoginAttempts,
  ) {
    this.keys = tokenKeysFrom(config, signingKeys);
    subscriptions.gone.subscribe(({ agentId, dialerToken, reason }) => {
      const sessionId = this.byAgent.get(agentId);
      if (sessionId && this.sessions.get(sessionId)?.dialerToken === dialerToken) {
        this.end(sessionId, reason === 'user' ? 'forced' : reason, { announce: false });
      }
    });
  }

  /** Sessions kept across a restart pick up their dialer streams where they left off. */
  onApplicationBootstrap(): void {
    const now = Date.now();
    for (const session of this.store.all()) {
      if (session.refreshExpiresAt <= now) {
        this.store.delete(session.sessionId);
        // What belongs to the session elsewhere (its Salesforce settings) ends with it; nobody is connected yet.
        this.ended.next({ sessionId: session.sessionId, agentId: session.agentId, reason: 'expired' });
        continue;
      }
      this.register(session);
      this.subscriptions.start(session.agentId, session.dialerToken);
    }
    if (this.sessions.size > 0) this.logger.log(`restored ${this.sessions.size} agent session(s)`);
    this.markRestored();
  }

  /** Logs in through the dialer; `address` is the client's, for the lock-outs (LoginAttempts). */
  async login(request: LoginRequest, address: string): Promise<SessionResponse> {
    const { agent, session: token } = await this.attempts.attempt(request, address, () =>
      // The dialer gets the credentials only: where the agent works is the gateway's to keep.
      this.dialer.login({ device: request.device, user: request.user, password: request.password }),
    );
    const previous = this.byAgent.get(agent.agentId);
    if (previous) this.end(previous, 'replaced', { announce: false });

    const refreshToken = randomBytes(32).toString('base64url');
    const session: StoredSession = {
      sessionId: randomUUID(),
      agentId: agent.agentId,
      user: agent.user,
      displayName: agent.displayName,
      email: agent.email,
      device: agent.device,
      roles: agent.roles,
      dialerToken: token,
      refreshHash: hash(refreshToken),
      refreshExpiresAt: Date.now() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000,
      createdAt: Date.now(),
      ...(request.locale ? { locale: request.locale } : {}),
      ...(request.timeZone ? { timeZone: request.timeZone } : {}),
    };
    this.register(session);
    this.store.put(session);
    this.streams.append(agent.agentId, [
      {
        type: 'agent.logged_in',
        payload: {
          user: agent.user,
          device: agent.device,
          displayName: agent.displayName,
          email: agent.email,
          roles: agent.roles,
        },
      },
    ]);
    await this.subscriptions.start(agent.agentId, token, true).synced;
    this.logger.log({
      agentId: agent.agentId,
      device: agent.device,
      msg: `${agent.user} logged in on device ${agent.device}`,
    });
    return this.tokens(session, refreshToken);
  }

  async refresh(refreshToken: string): Promise<SessionResponse> {
    const sessionId = this.byRefresh.get(hash(refreshToken));
    const session = sessionId ? this.sessions.get(sessionId) : undefined;
    if (!session || session.refreshExpiresAt <= Date.now()) {
      throw new ApiError('UNAUTHENTICATED', 'The session has ended; log in again.');
    }
    const next = randomBytes(32).toString('base64url');
    this.byRefresh.delete(session.refreshHash);
    session.refreshHash = hash(next);
    this.byRefresh.set(session.refreshHash, session.sessionId);
    this.store.put(session);
    return this.tokens(session, next);
  }

  async logout(sessionId: string): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    try {
      await this.dialer.logout({ session: session.dialerToken });
    } catch (error) {
      if (!(error instanceof DialerError && error.code === 'NOT_LOGGED_IN')) {
        this.logger.warn({
          agentId: session.agentId,
          err: error,
          msg: 'dialer Logout failed; ending the gateway session anyway',
        });
      }
    }
    this.end(sessionId, 'logout', { announce: true });
  }

  /** Verifies an access token and returns who its live session is, or throws UNAUTHENTICATED. */
  async authenticate(accessToken: string | undefined): Promise<{ session: Principal; claims: AccessClaims }> {
    if (!accessToken) throw new ApiError('UNAUTHENTICATED', 'Log in first: no access token was sent.');
    const verdict = await verifyAccessToken(accessToken, this.keys, {
      maxAgeSeconds: this.config.ACCESS_TOKEN_TTL_SECONDS,
    });
    if (!verdict.ok) {
      throw new ApiError(
        'UNAUTHENTICATED',
        verdict.reason === 'expired'
          ? 'The access token has expired; refresh it.'
          : 'The access token is not valid.',
      );
    }
    const session = this.sessions.get(verdict.claims.sid);
    if (!session) throw new ApiError('UNAUTHENTICATED', 'The session has ended; log in again.');
    return { session: principalOf(session), claims: verdict.claims };
  }

  /** The session a refresh token belongs to, if it is current (its rotations share the session). */
  sessionOfRefreshToken(refreshToken: string): string | undefined {
    return this.byRefresh.get(hash(refreshToken));
  }

  /**
   * The dialer token of a live session, for the calls that act as its agent
   * at the dialer (the only place it goes); UNAUTHENTICATED once it ended.
   */
  dialerToken(caller: { sessionId: string }): string {
    const session = this.sessions.get(caller.sessionId);
    if (!session) throw new ApiError('UNAUTHENTICATED', 'The session has ended; log in again.');
    return session.dialerToken;
  }

  get(sessionId: string): StoredSession | undefined {
    return this.sessions.get(sessionId);
  }

  all(): StoredSession[] {
    return [...this.sessions.values()];
  }

  /** Ends a session locally; `announce` adds agent.logged_out to the stream when the dialer did not. */
  end(sessionId: string, reason: EndReason, { announce }: { announce: boolean }): void {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    this.sessions.delete(sessionId);
    if (this.byAgent.get(session.agentId) === sessionId) {
      this.byAgent.delete(session.agentId);
      this.subscriptions.stop(session.agentId);
    }
    this.byRefresh.delete(session.refreshHash);
    this.store.delete(sessionId);
    if (announce) {
      this.streams.append(session.agentId, [
        { type: 'agent.logged_out', payload: { reason: reason === 'logout' ? 'user' : reason } },
      ]);
    }
    this.metrics.loggedInAgents.set(this.byAgent.size);
    this.ended.next({ sessionId, agentId: session.agentId, reason });
    this.logger.log({
      agentId: session.agentId,
      reason,
      msg: `session of ${session.user} ended (${reason})`,
    });
  }

  private register(session: StoredSession): void {
    this.sessions.set(session.sessionId, session);
    this.byAgent.set(session.agentId, session.sessionId);
    this.byRefresh.set(session.refreshHash, session.sessionId);
    this.metrics.loggedInAgents.set(this.byAgent.size);
  }

  private async tokens(session: StoredSession, refreshToken: string): Promise<SessionResponse> {
    const now = Math.floor(Date.now() / 1000);
    const ttl = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const claims: AccessClaims = {
      sub: session.agentId,
      sid: session.sessionId,
      roles: session.roles,
      iat: now,
      exp: now + ttl,
    };
    return {
      sessionId: session.sessionId,
      accessToken: await signAccessToken(claims, this.keys),
      expiresIn: ttl,
      refreshToken,
      refreshExpiresIn: Math.max(0, Math.round((session.refreshExpiresAt - Date.now()) / 1000)),
      agent: {
        agentId: session.agentId,
        user: session.user,
        displayName: session.displayName,
        email: session.email,
        device: session.device,
        roles: session.roles,
      },
    };
  }
}
