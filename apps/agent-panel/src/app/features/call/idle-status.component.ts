import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Commands } from '../../api/commands.service';
import { I18n } from '../../core/i18n/i18n.service';
import { Notifier } from '../../core/notifier.service';
import { endCauseKey } from '../../state/agent-view.util';
import { AgentStore } from '../../state/agent.store';
import { Icon } from '../../ui/icon.component';

/**
 * The call area with no call and no contact: what the agent's state means now (available,
 * on a break, not ready, wrap-up, or how the last unanswered call ended), the campaign, and
 * Play or Leave the break at the foot.
 */
@Component({
  selector: 'pu-idle-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  template: `
    <div class="idle">
      <p class="idle-title">{{ idleTitle() }}</p>
      <p class="idle-hint">{{ idleHint() }}</p>
      @if (store.campaign(); as campaign) {
        <p class="idle-campaign">
          <pu-icon name="campaign" [size]="14" />
          <span class="visually-hidden">{{ t('campaigns.current') }}</span>
          <span data-testid="campaign-name">{{ campaign.id }} - {{ campaign.name }}</span>
        </p>
      }
    </div>
    <div class="controls pu-call-controls">
      @if (store.activity() === 'paused') {
        <button
          type="button"
          class="pu-btn pu-btn--primary"
          (click)="unpause()"
          [disabled]="notifier.pending('unpause')"
        >
          <pu-icon name="play" [size]="16" />{{ t('breaks.leave') }}
        </button>
      } @else if (canPlay()) {
        <button
          type="button"
          class="pu-btn pu-btn--success"
          (click)="ready()"
          [disabled]="notifier.pending('ready')"
          data-testid="ready-button"
        >
          <pu-icon name="play" [size]="16" />{{ t('agent.ready') }}
        </button>
      }
    </div>
  `,
  styles: `
    .idle {
      min-height: 0;
      overflow: hidden;
    }
    .idle-title {
      margin: 0;
      font-size: 1rem;
      font-weight: 700;
    }
    .idle-hint {
      margin: 0.125rem 0 0;
      font-size: 0.8125rem;
      color: var(--pu-text-muted);
    }
    .idle-campaign {
      display: flex;
      align-items: center;
      gap: 0.3rem;
      margin: 0.25rem 0 0;
      font-size: 0.75rem;
      font-weight: 600;
      color: var(--pu-text-muted);
    }
    .controls {
      margin-top: auto;
    }
    @media (min-width: 560px) {
      .idle-campaign {
        margin-top: 0.5rem;
      }
    }
  `,
})
export class IdleStatus {
  /** Who the last call was with, in words (the call area's label for a private caller). */
  readonly party = input('');
  protected readonly store = inject(AgentStore);
  protected readonly notifier = inject(Notifier);
  private readonly commands = inject(Commands);
  protected readonly t = inject(I18n).t;

  protected readonly canPlay = computed(() => ['idle', 'wrap_up'].includes(this.store.activity()));

  protected readonly idleTitle = computed(() => {
    switch (this.store.activity()) {
      case 'available':
        return this.t('idle.available');
      case 'paused':
        return this.t('idle.paused', { name: this.store.breakState()?.name ?? '' });
      case 'logged_out':
        return this.t('idle.loading');
      // The same word as the status chip: the dialer still holds the agent in wrap-up (issue 16 §2.7).
      case 'wrap_up':
        return this.t('idle.wrapUp');
      default:
        return this.t('idle.notReady');
    }
  });

  /** How the last call ended when no contact stayed to wrap up (an unanswered manual call, issue 16 §2.7). */
  private readonly lastCall = computed(() => {
    const call = this.store.call();
    if (call?.status !== 'ended' || this.store.activity() === 'paused') return null;
    const key = endCauseKey(call.endCause);
    const outcome = key ? this.t(key) : (call.endCause ?? this.t('call.status.ended'));
    return this.t('idle.lastCall', { party: this.party(), outcome });
  });

  protected readonly idleHint = computed(() => {
    const last = this.lastCall();
    if (last) return last;
    switch (this.store.activity()) {
      case 'available':
        return this.store.campaign() ? this.t('idle.availableHint') : this.t('idle.noCampaignHint');
      case 'paused':
        return this.t('idle.pausedHint');
      case 'logged_out':
        return '';
      case 'wrap_up':
        return this.t('idle.wrapUpHint');
      default:
        return this.t('idle.notReadyHint');
    }
  });

  protected unpause(): void {
    void this.notifier.run('unpause', () => this.commands.unpause());
  }

  protected ready(): void {
    void this.notifier.run('ready', () => this.commands.ready());
  }
}
