import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { type BeforeApplicationShutdown, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { type Observable, of, type Subscription } from 'rxjs';
import { AgentOwners, OWNER_CHANGED_CHANNEL } from '../../cluster/agent-owners';
import type { RedisConnection } from '../../cluster/redis.provider';
import { AgentOwnership } from '../agent-ownership';

export interface OwnershipTiming {
  /** How long a node's claims live without a heartbeat: a dead node's agents are free after this. */
  heartbeatTtlMs: number;
  /** How often the node heartbeats and looks for a dead node's agents. */
  roundMs: number;
  /** How often the node checks that its claims are still its own (pub/sub may miss a change). */
  verifyMs: number;
}

/** A kill -9 is taken over within heartbeatTtlMs + roundMs (about 2.4 s), inside the 3 s. */
export const OWNERSHIP_TIMING: OwnershipTiming = { heartbeatTtlMs: 2000, roundMs: 400, verifyMs: 2000 };

/**
 * Exactly one node follows each agent (issue 18 §2), through AgentOwners in
 * Redis. Each round the node renews its heartbeat and takes over the agents
 * of nodes whose heartbeat lapsed; it hears of agents taken from it on a
 * channel, and checks its claims now and then in case it missed one. After
 * Redis was unreachable it waits one heartbeat ttl before taking anything
 * over, so live nodes can say they are alive again first.
 *
 * A node that does not reach the dialer (`dialerStatus` down: its circuit
 * breaker open) says so in its heartbeat and takes nothing over; a node
 * that reaches it takes that node's agents as a dead node's, and follows
 * them at the dialer from where their streams stand
 * (failure/cluster-node-dialer-cut.failure.spec.ts). A dialer down for every
 * node moves nobody.
 */
export class RedisAgentOwnership
  extends AgentOwnership
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger('AgentOwnership');
  private readonly owners: AgentOwners;
  private readonly claims = new Map<string, string>();
  private subscriber: Redis | undefined;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> = Promise.resolve();
  private upSince: number | null = null;
  private lastVerify = 0;
  private stopped = false;
  private reachesDialer = true;
  private dialerWatch: Subscription | undefined;
  private markSettled: () => void = () => undefined;
  readonly settled = new Promise<void>((resolve) => (this.markSettled = resolve));

  constructor(
    private readonly redis: RedisConnection,
    private readonly timing: OwnershipTiming = OWNERSHIP_TIMING,
    nodeId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    private readonly dialerStatus: Observable<'up' | 'down'> = of('up'),
  ) {
    super();
    this.owners = new AgentOwners(redis.client, nodeId, timing.heartbeatTtlMs);
  }

  get nodeId(): string {
    return this.owners.nodeId;
  }

  onApplicationBootstrap(): void {
    this.dialerWatch = this.dialerStatus.subscribe((status) => {
      const reaches = status === 'up';
      if (reaches === this.reachesDialer) return;
      this.reachesDialer = reaches;
      if (!reaches && this.claims.size > 0)
        this.logger.warn(
          `the dialer cannot be reached from this node: its ${this.claims.size} agents go to a node that reaches it`,
        );
      // Said by the next round's heartbeat (within roundMs).
    });
    this.subscriber = this.redis.reader('puente-agent-owners');
    this.subscriber.on('message', (_channel: string, message: string) => this.onChange(message));
    void this.subscriber.subscribe(OWNER_CHANGED_CHANNEL).catch(() => undefined);
    this.schedule(0);
  }

  /** Before Redis is closed (ClusterModule's shutdown): the node's agents are free at once. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.dialerWatch?.unsubscribe();
    clearTimeout(this.timer);
    await this.round;
    this.subscriber?.disconnect();
    await this.owners.leave().catch(() => undefined);
  }

  async claim(agentId: string): Promise<void> {
    const claim = await this.owners.claim(agentId);
    if (claim) this.claims.set(agentId, claim);
  }

  async release(agentId: string): Promise<void> {
    const claim = this.claims.get(agentId);
    if (!claim) return;
    this.claims.delete(agentId);
    await this.owners.release(agentId, claim).catch(() => undefined);
  }

  fence(agentId: string): string | undefined {
    return this.claims.get(agentId);
  }

  refused(agentId: string): void {
    this.lose(agentId, 'a write under its claim was refused');
  }

  private onChange(message: string): void {
    const [agentId, claim] = message.split(' ');
    const mine = this.claims.get(agentId);
    if (mine && mine !== claim) this.lose(agentId, `taken by ${claim.split('|')[0]}`);
  }

  private lose(agentId: string, why: string): void {
    if (!this.claims.delete(agentId)) return;
    this.logger.log({ agentId, msg: `agent followed elsewhere now (${why})` });
    this.lost.next(agentId);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.tick().finally(() => this.schedule(this.timing.roundMs));
    }, delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      await this.owners.heartbeat(this.reachesDialer);
      this.upSince ??= Date.now();
    } catch {
      this.upSince = null;
      return;
    }
    try {
      // A node that has just come back (or Redis has) lets the others heartbeat first.
      if (Date.now() - this.upSince < this.timing.heartbeatTtlMs) return;
      // Without the dialer it could not follow them: they wait for a node that reaches it.
      if (this.reachesDialer) await this.takeOver();
      await this.verify();
      this.markSettled();
    } catch (error) {
      this.logger.debug?.(`ownership round failed: ${(error as Error).message}`);
    }
  }

  private async takeOver(): Promise<void> {
    const orphans = await this.owners.orphans();
    // Survivors go through the orphans in different orders, so they share them out.
    for (const { agentId, claim: expected } of orphans.sort(() => Math.random() - 0.5)) {
      if (this.stopped) return;
      const claim = await this.owners.claim(agentId, expected);
      if (!claim) continue;
      this.claims.set(agentId, claim);
      this.logger.log({ agentId, msg: `took over the agent from ${expected.split('|')[0]}` });
      this.gained.next(agentId);
    }
  }

  private async verify(): Promise<void> {
    if (Date.now() - this.lastVerify < this.timing.verifyMs || this.claims.size === 0) return;
    this.lastVerify = Date.now();
    const agentIds = [...this.claims.keys()];
    const live = await this.owners.claimsOf(agentIds);
    agentIds.forEach((agentId, i) => {
      if (live[i] !== this.claims.get(agentId)) this.lose(agentId, 'its claim is gone');
    });
  }
}
