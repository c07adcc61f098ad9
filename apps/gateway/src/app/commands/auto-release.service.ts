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
        // The agent's own session decides: the org's Call Center when the panel sent it (issue 17 §2).
        const seconds = this.settings.forAgent(event.agentId).options.automaticContactRelease;
        const contact = this.streams.state(event.agentId).contact;
        if (seconds < 0 || !contact) return;
        // From when the gateway learns of the hang-up, not the dialer's timestamp: the timer runs on
        // this clock, so a dialer clock that is off (or an event replayed late) would shift the countdown.
        const at = Date.now() + seconds * 1000;
        this.streams.append(event.agentId, [
          {
            type: 'contact.auto_release',
            payload: { contactId: contact.contactId, at: new Date(at).toISOString() },
          },
        ]);
        this.arm(event.agentId, contact.contactId, at);
        return;
      }
      case 'call.offered':
      case 'contact.released':
      case 'agent.logged_out':
        this.disarm(event.agentId);
        return;
      default:
        return;
    }
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
