import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { LoginRequest, SessionResponse } from '@puente/contracts';
import { Subject } from 'rxjs';
import { REDIS, type RedisConnection } from '../cluster/redis.provider';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { DialerError } from '../dialer/dialer-error';
import { DIALER, type Dialer } from '../dialer/dialer.port';
import { AgentOwnership } from '../events/agent-ownership';
import { AgentStreams } from '../events/agent-streams.service';
import { DialerSubscriptions } from '../events/dialer-subscriptions.service';
import { ApiError } from '../http/api-error';
import { MetricsService } from '../metrics/metrics.service';
import { type AccessClaims, signAccessToken, verifyAccessToken } from './access-token';
import { LoginAttempts } from './limits/login-attempts.service';
import { type Principal, principalOf } from './principal';
import { type EndReason, SessionEndBus, type SessionEndNotice } from './session-end-bus';
import { SessionRepository, type StoredSession } from './session.repository';
import { SessionRegistry } from './session-registry';
import { SigningKeyRepository } from './signing-key.repository';
import { type TokenKeys, tokenKeysFrom } from './token-keys';

export type { EndReason } from './session-end-bus';

export interface SessionEnded {
  sessionId: string;
  agentId: string;
  reason: EndReason;
}

/** Sessions endVanished reads at once (written together by CommandRedis). */
const VANISHED_BATCH = 500;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Agent sessions (A1): log in through the dialer, hand out a short-lived
 * access token and a rotating refresh token, keep exactly one session per
 * agent (a login elsewhere closes the older one, which is told why), and
 * survive a gateway restart without logging anybody out of the dialer.
 *
 * In cluster mode (issue 18 §2) the sessions live on Redis and every node
 * reads through it: a session made on one node authenticates, refreshes
 * and logs out on any; its end is told to every node (SessionEndBus). The
 * sessions *held* here are those whose agent this node follows at the dialer
 * (AgentOwnership): logged in here, or taken over from a node that died.
 */
@Injectable()
export class SessionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Sessions');
  /** The sessions this node holds, and the other nodes' it serves requests with. */
  private readonly registry = new SessionRegistry();
  private readonly keys: TokenKeys;
  private readonly bus: SessionEndBus;
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
    private readonly ownership: AgentOwnership,
    private readonly metrics: MetricsService,
    private readonly attempts: LoginAttempts,
    @Inject(REDIS) redis: RedisConnection | null,
  ) {
    this.keys = tokenKeysFrom(config, signingKeys);
    this.bus = new SessionEndBus(store.shared ? redis : null);
    this.bus.remote.subscribe((notice) => this.endHere(notice));
    subscriptions.gone.subscribe(({ agentId, dialerToken, reason }) => {
      const held = this.registry.heldFor(agentId);
      if (held?.dialerToken === dialerToken) {
        this.end(held.sessionId, reason === 'user' ? 'forced' : reason, { announce: false }).catch(
          (error: unknown) => this.logger.warn({ agentId, err: error, msg: 'could not end the session' }),
        );
      }
    });
  }

  /** Sessions kept across a restart pick up their dialer streams where they left off. */
  async onApplicationBootstrap(): Promise<void> {
    this.bus.start();
    if (this.store.shared) {
      // A cluster node follows the agents it takes over from dead nodes (a restart is a new node).
      this.ownership.gained.subscribe((agentId) => void this.adopt(agentId));
      this.ownership.lost.subscribe((agentId) => this.relinquish(agentId));
      void this.ownership.settled.then(() => this.markRestored());
      return;
    }
    this.restore(
      await this.store.all(),
      async (session) => void (await this.store.delete(session.sessionId)),
    );
    this.markRestored();
  }

  onApplicationShutdown(): void {
    this.bus.stop();
  }

  /** Logs in through the dialer; `address` is the client's, for the lock-outs (LoginAttempts). */
  async login(request: LoginRequest, address: string): Promise<SessionResponse> {
    const { agent, session: token } = await this.attempts.attempt(request, address, () =>
      // The dialer gets the credentials only: where the agent works is the gateway's to keep.
      this.dialer.login({ device: request.device, user: request.user, password: request.password }),
    );
    const previous =
      this.registry.heldFor(agent.agentId)?.sessionId ?? (await this.store.byAgent(agent.agentId))?.sessionId;
    if (previous) await this.end(previous, 'replaced', { announce: false });

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
    await this.store.put(session);
    await this.ownership.claim(agent.agentId);
    this.register(session);
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

  /** Rotates the refresh token; of two refreshes with one token, on any nodes, one wins (the repository's compare-and-set). */
  async refresh(refreshToken: string): Promise<SessionResponse> {
    const from = hash(refreshToken);
    const session = await this.store.byRefresh(from);
    const next = randomBytes(32).toString('base64url');
    if (
      !session ||
      session.refreshExpiresAt <= Date.now() ||
      !(await this.store.rotate(session.sessionId, from, hash(next)))
    ) {
      throw new ApiError('UNAUTHENTICATED', 'The session has ended; log in again.');
    }
    session.refreshHash = hash(next);
    const mine = this.registry.heldSession(session.sessionId);
    if (mine) mine.refreshHash = session.refreshHash;
    return this.tokens(session, next);
  }

  async logout(sessionId: string): Promise<void> {
    const session = await this.lookup(sessionId);
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
    await this.end(sessionId, 'logout', { announce: true });
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
    const session = await this.lookup(verdict.claims.sid);
    if (!session) throw new ApiError('UNAUTHENTICATED', 'The session has ended; log in again.');
    return { session: principalOf(session), claims: verdict.claims };
  }

  /** The session a refresh token belongs to, if it is current (its rotations share the session). */
  async sessionOfRefreshToken(refreshToken: string): Promise<string | undefined> {
    return (await this.store.byRefresh(hash(refreshToken)))?.sessionId;
  }

  /**
   * The dialer token of a live session, for the calls that act as its agent
   * at the dialer (the only place it goes); UNAUTHENTICATED once it ended.
   * Another node's session is known here once authenticate() read it.
   */
  dialerToken(caller: { sessionId: string }): string {
    const session = this.get(caller.sessionId);
    if (!session) throw new ApiError('UNAUTHENTICATED', 'The session has ended; log in again.');
    return session.dialerToken;
  }

  get(sessionId: string): StoredSession | undefined {
    return this.registry.get(sessionId);
  }

  /** The sessions held by this node (their dialer subscriptions run here). */
  all(): StoredSession[] {
    return this.registry.all();
  }

  /**
   * Any live session's dialer session, for reads the dialer only allows a
   * logged-in user (it has no service account): one this node holds, else, in
   * cluster mode, one another node holds (a once-per-cluster job may run on a
   * node no agent logged in on).
   */
  async anyDialerSession(): Promise<string | undefined> {
    const local = this.all()[0]?.dialerToken;
    if (local || !this.store.shared) return local;
    const now = Date.now();
    return (await this.store.all()).find((s) => s.refreshExpiresAt > now)?.dialerToken;
  }

  /**
   * Ends a session on every node; `announce` adds agent.logged_out to the
   * stream when the dialer did not (by the node holding the agent).
   */
  async end(sessionId: string, reason: EndReason, { announce }: { announce: boolean }): Promise<void> {
    const session = this.get(sessionId) ?? (this.store.shared ? await this.store.get(sessionId) : undefined);
    if (!session) return;
    await this.store.delete(sessionId);
    this.endHere({ sessionId, agentId: session.agentId, reason, announce });
    await this.bus.publish({ sessionId, agentId: session.agentId, reason, announce });
  }

  /**
   * Cluster mode, Redis back after this node lost it: those of these sessions
   * (its sockets') that Redis no longer has end here, as expired (why they can
   * be gone: realtime/redis-loss.ts). A failed read ends nothing. Answers how many ended.
   */
  async endVanished(sessionIds: Iterable<string>): Promise<number> {
    if (!this.store.shared) return 0;
    const ids = [...sessionIds];
    let ended = 0;
    for (let i = 0; i < ids.length; i += VANISHED_BATCH) {
      const batch = ids.slice(i, i + VANISHED_BATCH);
      const found = await Promise.all(batch.map((id) => this.store.get(id)));
      for (const [k, sessionId] of batch.entries()) {
        if (found[k]) continue;
        const agentId = this.registry.get(sessionId)?.agentId ?? '';
        this.endHere({ sessionId, agentId, reason: 'expired', announce: false });
        ended++;
      }
    }
    return ended;
  }

  /** Reads through Redis in cluster mode (a logout elsewhere holds at once); this node's memory otherwise. */
  private async lookup(sessionId: string): Promise<StoredSession | undefined> {
    if (!this.store.shared) return this.registry.heldSession(sessionId);
    const session = await this.store.get(sessionId);
    if (!session) this.registry.forgetSeen(sessionId);
    else this.registry.remember(session);
    return session;
  }

  /** What ending a session means on this node: its subscription stops if held here, its sockets hear it. */
  private endHere({ sessionId, agentId, reason, announce }: SessionEndNotice): void {
    const { held: mine, current } = this.registry.forget(sessionId, agentId);
    if (mine) {
      if (current) {
        this.subscriptions.stop(agentId);
        void this.ownership.release(agentId);
      }
      if (announce) {
        this.streams.append(agentId, [
          { type: 'agent.logged_out', payload: { reason: reason === 'logout' ? 'user' : reason } },
        ]);
      }
      this.metrics.loggedInAgents.set(this.registry.agents);
      this.logger.log({ agentId, reason, msg: `session of ${mine.user} ended (${reason})` });
    }
    this.ended.next({ sessionId, agentId, reason });
  }

  /**
   * Cluster mode: this node now follows an agent whose node died or lost the
   * dialer; its dialer stream resumes where it was. Tried again while the
   * claim is ours (Redis slow or away): a claim given back would leave the
   * agent followed by nobody, since only such nodes' agents are looked for.
   */
  private async adopt(agentId: string): Promise<void> {
    for (let attempt = 1; this.ownership.fence(agentId) !== undefined; attempt++) {
      try {
        const session = await this.store.byAgent(agentId);
        if (!session || session.refreshExpiresAt <= Date.now()) {
          await this.ownership.release(agentId);
          return;
        }
        await this.streams.catchUp(agentId);
        if (this.ownership.fence(agentId) === undefined) return;
        this.register(session);
        this.subscriptions.takeOver(agentId, session.dialerToken);
        return;
      } catch (error) {
        this.logger.warn({ agentId, attempt, err: error, msg: 'could not take the agent over yet' });
        await new Promise((r) => setTimeout(r, Math.min(500 * attempt, 5000)));
      }
    }
  }

  /** Cluster mode: another node follows the agent now; its session goes on there (SessionRegistry.handOver). */
  private relinquish(agentId: string): void {
    this.subscriptions.stop(agentId);
    if (this.registry.handOver(agentId)) this.metrics.loggedInAgents.set(this.registry.agents);
  }

  private restore(sessions: StoredSession[], drop: (session: StoredSession) => Promise<void>): void {
    const now = Date.now();
    for (const session of sessions) {
      if (session.refreshExpiresAt <= now) {
        void drop(session);
        // What belongs to the session elsewhere (its Salesforce settings) ends with it; nobody is connected yet.
        this.ended.next({ sessionId: session.sessionId, agentId: session.agentId, reason: 'expired' });
        continue;
      }
      this.register(session);
      this.subscriptions.start(session.agentId, session.dialerToken);
    }
    const held = this.registry.agents;
    if (held > 0) this.logger.log(`restored ${held} agent session(s)`);
  }

  private register(session: StoredSession): void {
    this.registry.hold(session);
    this.metrics.loggedInAgents.set(this.registry.agents);
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
