import { Inject, Injectable } from '@nestjs/common';
import type { CategoryDto } from '@puente/contracts';
import { SessionService } from '../../auth/session.service';
import { DIALER, type Dialer } from '../../dialer/dialer.port';
import { agentDateTime } from './agent-time';
import type { ReleaseOutcome } from './call-journal.repository';

const CATEGORIES_TTL_MS = 300_000;

/**
 * A call's CallDisposition in the dialer CRM's words (C5): "Category /
 * Subcategory", or when the callback it was given (in the agent's language
 * and time zone, issue 16 §2.9). Names come from
 * the dialer's categories (cached per CRM); the ids stand in when they cannot be read
 * (no session for the agent any more, the dialer away), so a disposition is
 * never dropped for want of its name.
 */
@Injectable()
export class DispositionNames {
  private readonly categories = new Map<string, { at: number; list: CategoryDto[] }>();

  constructor(
    private readonly sessions: SessionService,
    @Inject(DIALER) private readonly dialer: Dialer,
  ) {}

  async of(agentId: string, crmId: string | null, outcome: ReleaseOutcome): Promise<string | null> {
    if (outcome.categoryId)
      return this.categoryText(agentId, crmId, outcome.categoryId, outcome.subcategoryId);
    if (outcome.scheduledFor)
      return `Callback scheduled for ${agentDateTime(outcome.scheduledFor, this.sessionOf(agentId))}`;
    return null;
  }

  private sessionOf(agentId: string) {
    return this.sessions.all().find((s) => s.agentId === agentId);
  }

  private async categoryText(
    agentId: string,
    crmId: string | null,
    categoryId: string,
    subcategoryId: string | null,
  ): Promise<string> {
    const fallback = subcategoryId ? `${categoryId} / ${subcategoryId}` : categoryId;
    const session = this.sessionOf(agentId);
    if (!crmId || !session) return fallback;
    try {
      let cached = this.categories.get(crmId);
      if (!cached || Date.now() - cached.at > CATEGORIES_TTL_MS) {
        const categories = await this.dialer.categories({ session: session.dialerToken }, crmId);
        cached = { at: Date.now(), list: categories };
        this.categories.set(crmId, cached);
      }
      const category = cached.list.find((c) => c.id === categoryId);
      const sub = category?.subcategories.find((s) => s.id === subcategoryId);
      if (!category) return fallback;
      return sub ? `${category.name} / ${sub.name}` : category.name;
    } catch {
      return fallback;
    }
  }
}
