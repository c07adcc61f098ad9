import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { AgentStreams } from '../events/agent-streams.service';
import { CRM, type Crm, CrmUnavailableError } from './crm.port';

/**
 * Telephony users map to Salesforce users by e-mail (A5, seeds 000 and 001):
 * Tasks are owned by the agent's Salesforce user. A user whose e-mail has no
 * active Salesforce user is told at login, in words, and their Tasks fall
 * back to the integration user.
 */
@Injectable()
export class UserDirectory implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('UserDirectory');
  private readonly ids = new Map<string, { id: string | null; at: number }>();
  private subscription: Subscription | undefined;

  constructor(
    @Inject(CRM) private readonly crm: Crm,
    private readonly streams: AgentStreams,
  ) {}

  onModuleInit(): void {
    this.subscription = this.streams.published.subscribe((event) => {
      if (event.type === 'agent.logged_in')
        void this.check(event.agentId, event.payload.email, event.payload.user);
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  /** The Salesforce user id for an e-mail, cached for ten minutes (misses too). */
  async idFor(email: string): Promise<string | null> {
    const key = email.trim().toLowerCase();
    const cached = this.ids.get(key);
    if (cached && Date.now() - cached.at < 600_000) return cached.id;
    const id = await this.crm.userIdByEmail(key);
    this.ids.set(key, { id, at: Date.now() });
    return id;
  }

  private async check(agentId: string, email: string | null, user: string): Promise<void> {
    try {
      if (email && (await this.idFor(email))) return;
    } catch (error) {
      if (error instanceof CrmUnavailableError) return;
      this.logger.warn({ agentId, err: error, msg: 'user look-up failed' });
      return;
    }
    const message = email
      ? `No active Salesforce user has the e-mail ${email}: calls will be logged under the integration user.`
      : `The dialer user ${user} has no e-mail, so it cannot be matched with a Salesforce user.`;
    this.logger.warn({ agentId, msg: message });
    this.streams.append(agentId, [
      { type: 'system.error', payload: { code: 'CRM_USER_NOT_MAPPED', message } },
    ]);
  }
}
