import { Injectable, inject, signal } from '@angular/core';
import type { AgentActivity, Target } from '@puente/contracts';
import { toPanelError } from '../../api/api-error';
import { Lookups } from '../../api/lookups.service';
import { Notifier } from '../../core/notifier.service';

export interface TargetOption {
  id: string;
  label: string;
  /** Users: their state, so the agent does not transfer to someone on a break. */
  activity?: AgentActivity;
  /** Users: logged in but not free; shown with their state and not offered (issue 16 §2.10). */
  busy?: boolean;
  /** Numbers: the number under its label. */
  detail?: string;
}

/** The lists a transfer or an invitation picks from, loaded when first shown (B4, B5). */
@Injectable()
export class TargetOptions {
  private readonly lookups = inject(Lookups);
  private readonly notifier = inject(Notifier);
  private request = 0;

  readonly list = signal<readonly TargetOption[]>([]);
  readonly loading = signal(false);

  async load(kind: Target['kind'], campaignId: string | null): Promise<void> {
    const request = ++this.request;
    this.loading.set(true);
    this.list.set([]);
    try {
      const options = await this.fetch(kind, campaignId);
      if (request === this.request) this.list.set(options);
    } catch (error) {
      if (request === this.request) this.notifier.error(toPanelError(error));
    } finally {
      if (request === this.request) this.loading.set(false);
    }
  }

  private async fetch(kind: Target['kind'], campaignId: string | null): Promise<TargetOption[]> {
    switch (kind) {
      case 'number':
        if (!campaignId) return [];
        return (await this.lookups.transferNumbers(campaignId)).map((n) => ({
          id: n.number,
          label: n.label || n.number,
          detail: n.number,
        }));
      case 'user':
        return (await this.lookups.users()).map((u) => ({
          id: u.id,
          label: u.displayName || u.user,
          activity: u.activity,
          busy: u.busy,
        }));
      case 'queue':
        return (await this.lookups.queues()).map((q) => ({ id: q.id, label: `${q.id} - ${q.name}` }));
      case 'campaign':
        return (await this.lookups.campaigns()).map((c) => ({ id: c.id, label: `${c.id} - ${c.name}` }));
    }
  }
}
