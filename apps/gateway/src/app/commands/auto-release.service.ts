import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { AgentEvent } from '@puente/contracts';
import type { Subscription } from 'rxjs';
import { SessionService } from '../auth/session.service';
import { AgentStreams } from '../events/agent-streams.service';
import { SessionSettings } from '../call-center/session-settings.service';
import { OnceClaims } from '../cluster/once-claims';
import { DialerCommands } from './dialer-commands.service';

/**
 * automaticContactRelease (C6): N seconds after hang-up the contact is
 * released for the agent. The deadline is an event (`contact.auto_release`)
 * so the panel shows the countdown and a restarted gateway re-arms it.
 * It acts on the dialer, so it acts once per cluster (issue 18 §2): every
 * node following the agent's events arms the timer (a node may die before
 * it fires), and the first to claim the deadline releases. Not a lease-held
 * job: the timer lives where the agent's events arrive, which a job on
 * another node would not see.
 */
/** Long enough for every node's timer for the same deadline to have fired. */
const CLAIM_TTL_MS = 120_000;

@Injectable()
export class AutoReleaseService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AutoRelease');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Per agent, the call.ended whose arming is under way (a later event cancels it). */
  private readonly latest = new Map<string, number>();
  private armings = 0;
  private subscription: Subscription | undefined;

  constructor(
    private readonly streams: AgentStreams,
    private readonly sessions: SessionService,
    private readonly commands: DialerCommands,
    private readonly settings: SessionSettings,
    private readonly claims: OnceClaims,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.streams.published.subscribe((event) => this.onEvent(event));
    for (const session of this.sessions.all()) {
      const state = this.streams.state(session.agentId);
      if (state.autoReleaseAt && state.contact)
        this.arm(session.agentId, state.contact.contactId, Date.parse(state.autoReleaseAt));
    }
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private onEvent(event: AgentEvent): void {
    switch (event.type) {
      case 'call.ended': {
        const contact = this.streams.state(event.agentId).contact;
        if (!contact) return;
        // From when the gateway learns of the hang-up, not the dialer's timestamp: the timer runs on
        // this clock, so a dialer clock that is off (or an event replayed late) would shift the countdown.
        const endedAt = Date.now();
        const armed = ++this.armings;
        this.latest.set(event.agentId, armed);
        void this.armAfterEnd(event.agentId, contact.contactId, endedAt, armed).catch((error: unknown) =>
          this.logger.warn({ agentId: event.agentId, err: error, msg: 'automatic release not armed' }),
        );
        return;
      }
      case 'call.offered':
      case 'contact.released':
      case 'agent.logged_out':
        // Also cancels an arming still reading the agent's settings.
        this.latest.delete(event.agentId);
        this.disarm(event.agentId);
        return;
      default:
        return;
    }
  }

  /**
   * Arms the release once the agent's settings are read (from Redis in
   * cluster mode), unless the agent moved on meanwhile (another call, the
   * contact released, logged out): only the latest call.ended still arms.
   */
  private async armAfterEnd(
    agentId: string,
    contactId: string,
    endedAt: number,
    armed: number,
  ): Promise<void> {
    // The agent's own session decides: the org's Call Center when the panel sent it (issue 17 §2).
    const seconds = (await this.settings.forAgent(agentId)).options.automaticContactRelease;
    if (this.latest.get(agentId) !== armed) return;
    this.latest.delete(agentId);
    if (seconds < 0) return;
    const at = endedAt + seconds * 1000;
    this.streams.append(agentId, [
      { type: 'contact.auto_release', payload: { contactId, at: new Date(at).toISOString() } },
    ]);
    this.arm(agentId, contactId, at);
  }

  private arm(agentId: string, contactId: string, at: number): void {
    this.disarm(agentId);
    const timer = setTimeout(() => void this.fire(agentId, contactId), Math.max(0, at - Date.now()));
    timer.unref();
    this.timers.set(agentId, timer);
  }

  private disarm(agentId: string): void {
    clearTimeout(this.timers.get(agentId));
    this.timers.delete(agentId);
  }

  private async fire(agentId: string, contactId: string): Promise<void> {
    this.timers.delete(agentId);
    const session = this.sessions.all().find((s) => s.agentId === agentId);
    const state = this.streams.state(agentId);
    if (!session || state.contact?.contactId !== contactId) return;
    try {
      // Nodes compute `at` from their own clocks: the claim names the wrap-up (contact and call), not the instant.
      const claim = `auto-release:${agentId}:${contactId}:${state.call?.callId ?? ''}`;
      if (!(await this.claims.claim(claim, CLAIM_TTL_MS))) return;
      await this.commands.as(session).releaseContact({ contactId });
    } catch (error) {
      this.logger.warn({
        agentId,
        contactId,
        err: error,
        msg: 'automatic release failed; the agent can release by hand',
      });
      this.streams.append(agentId, [{ type: 'contact.auto_release', payload: { contactId, at: null } }]);
    }
  }
}
