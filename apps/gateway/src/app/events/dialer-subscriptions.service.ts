import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { Subject } from 'rxjs';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { DIALER, type Dialer } from '../dialer/dialer.port';
import { MetricsService } from '../metrics/metrics.service';
import { AgentStreams } from './agent-streams.service';
import { DialerSubscription } from './dialer-subscription';

export interface SessionGone {
  agentId: string;
  /** The dialer session that ended (an agent's older session may end after a newer one began). */
  dialerToken: string;
  reason: 'replaced' | 'expired' | 'forced' | 'user';
}

/** Exactly one dialer subscription (push stream or poller) per logged-in agent. */
@Injectable()
export class DialerSubscriptions implements BeforeApplicationShutdown {
  private readonly logger = new Logger('DialerSubscriptions');
  private readonly active = new Map<string, DialerSubscription>();
  /** The dialer ended an agent's session on its own. */
  readonly gone = new Subject<SessionGone>();
  /** How the dialer looks from this node (its circuit breaker). */
  private dialerStatus: 'up' | 'down' = 'up';

  constructor(
    @Inject(DIALER) private readonly dialer: Dialer,
    private readonly streams: AgentStreams,
    private readonly metrics: MetricsService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    // Dialer events a cluster could not commit (Redis away too long): read the position again.
    streams.uncommitted.subscribe((agentId) => this.reconcile(agentId));
    dialer.status.subscribe((status) => (this.dialerStatus = status));
  }

  /** Starts (or replaces) the agent's subscription with this dialer session token. */
  start(agentId: string, dialerToken: string, syncFirst = false): DialerSubscription {
    this.stop(agentId);
    const subscription = new DialerSubscription(agentId, dialerToken, {
      dialer: this.dialer,
      streams: this.streams,
      metrics: this.metrics,
      logger: this.logger,
      pollIntervalMs: this.config.DIALER_POLL_INTERVAL_MS,
      onSessionGone: (reason) => {
        if (this.active.get(agentId) === subscription) this.active.delete(agentId);
        this.gone.next({ agentId, dialerToken, reason });
      },
    });
    this.active.set(agentId, subscription);
    subscription.start(syncFirst);
    return subscription;
  }

  /**
   * Follows an agent taken over from another node (cluster mode). A node cut
   * off from the dialer hands its agents over, having told them the dialer
   * was down (from there it was: DialerStatusBroadcaster); from here it is
   * up, and the panel's banner must go.
   */
  takeOver(agentId: string, dialerToken: string): DialerSubscription {
    const subscription = this.start(agentId, dialerToken);
    if (this.dialerStatus === 'up' && this.streams.state(agentId).dialerStatus === 'down')
      this.streams.append(agentId, [{ type: 'system.dialer_status', payload: { status: 'up' } }]);
    return subscription;
  }

  /** Re-reads the agent's position once the dialer answers (after a command with an unknown outcome). */
  reconcile(agentId: string): void {
    void this.active.get(agentId)?.reconcile();
  }

  stop(agentId: string): void {
    this.active.get(agentId)?.stop();
    this.active.delete(agentId);
  }

  /** Agents with a live dialer subscription, i.e. logged in. */
  agentIds(): string[] {
    return [...this.active.keys()];
  }

  /**
   * A stopping node stops following its agents first, before anything that
   * acts on their events stops listening (Nest runs every
   * beforeApplicationShutdown before any onApplicationShutdown): what the
   * dialer says after this is read again from the cursor by the next node or
   * start, never committed here and left unacted on (docs/architecture.md).
   */
  beforeApplicationShutdown(): void {
    for (const s of this.active.values()) s.stop();
    this.active.clear();
  }
}
