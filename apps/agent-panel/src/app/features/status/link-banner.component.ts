import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { I18n } from '../../core/i18n/i18n.service';
import { AgentLink } from '../../state/agent-link.service';
import { AgentStore } from '../../state/agent.store';

/**
 * The agent link (/agents) and the dialer, in words, only when something is
 * wrong: connecting, reconnecting (attempt n), offline, dialer down. It
 * floats over the bottom of the view, so nothing moves when it appears.
 */
@Component({
  selector: 'pu-link-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div aria-live="polite">
      @if (message(); as text) {
        <div class="banner" [attr.data-level]="level()" data-testid="link-banner">
          <span class="dot" aria-hidden="true"></span>
          <span>{{ text }}</span>
        </div>
      }
    </div>
  `,
  styles: `
    .banner {
      display: flex;
      align-items: center;
      gap: 0.4rem;
      padding: 0.375rem 0.75rem;
      font-size: 0.75rem;
      font-weight: 600;
      border-radius: var(--pu-radius);
      box-shadow: var(--pu-shadow);
    }
    .banner[data-level='warning'] {
      color: var(--pu-warning-text);
      background: var(--pu-warning-surface);
    }
    .banner[data-level='error'] {
      color: var(--pu-danger-text);
      background: var(--pu-danger-surface);
    }
    .dot {
      width: 0.5rem;
      height: 0.5rem;
      border-radius: 50%;
      background: currentColor;
    }
  `,
})
export class LinkBanner {
  private readonly link = inject(AgentLink);
  private readonly store = inject(AgentStore);
  private readonly t = inject(I18n).t;

  protected readonly message = computed(() => {
    switch (this.link.status()) {
      case 'connecting':
        return this.t('link.connecting');
      case 'reconnecting':
        return this.link.attempt() > 0
          ? this.t('link.reconnectingAttempt', { attempt: this.link.attempt() })
          : this.t('link.reconnecting');
      case 'offline':
        return this.t('link.offline');
      default:
        return this.store.dialerStatus() === 'down' ? this.t('link.dialerDown') : null;
    }
  });

  protected readonly level = computed(() => {
    const status = this.link.status();
    if (status === 'offline' || status === 'reconnecting') return 'error';
    if (status === 'connecting' || this.store.dialerStatus() === 'down') return 'warning';
    return 'ok';
  });
}
