import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { errorMessageKey } from '../api/api-error';
import { Clock } from '../core/clock.service';
import { I18n } from '../core/i18n/i18n.service';
import { Notifier } from '../core/notifier.service';
import { AgentStore } from '../state/agent.store';
import { Icon } from './icon.component';

/** Errors (role alert) and confirmations (polite), in the agent's language, dismissible. */
@Component({
  selector: 'pu-notices',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  template: `
    <div class="stack" role="alert" aria-atomic="false">
      @for (n of errors(); track n.id) {
        <div class="pu-notice" data-kind="error" data-testid="error-notice">
          <pu-icon name="alert" [size]="16" />
          <span class="pu-grow text">
            {{ notifier.text(n) }}
            @if (n.reference) {
              <span class="ref">{{ t('error.reference', { id: n.reference }) }}</span>
            }
          </span>
          <button
            type="button"
            class="pu-btn pu-btn--ghost pu-btn--icon close"
            [attr.aria-label]="t('common.dismiss')"
            (click)="notifier.dismiss(n.id)"
          >
            <pu-icon name="close" [size]="14" />
          </button>
        </div>
      }
    </div>
    <div class="stack" aria-live="polite">
      @for (n of infos(); track n.id) {
        <div class="pu-notice" data-kind="info" data-testid="info-notice">
          <pu-icon name="info" [size]="16" />
          <span class="pu-grow text">{{ notifier.text(n) }}</span>
          <button
            type="button"
            class="pu-btn pu-btn--ghost pu-btn--icon close"
            [attr.aria-label]="t('common.dismiss')"
            (click)="notifier.dismiss(n.id)"
          >
            <pu-icon name="close" [size]="14" />
          </button>
        </div>
      }
      @if (systemError(); as text) {
        <div class="pu-notice" data-kind="warning" data-testid="system-error">
          <pu-icon name="alert" [size]="16" />
          <span class="pu-grow text">{{ text }}</span>
          <button
            type="button"
            class="pu-btn pu-btn--ghost pu-btn--icon close"
            [attr.aria-label]="t('common.dismiss')"
            (click)="dismissSystemError()"
            data-testid="system-error-dismiss"
          >
            <pu-icon name="close" [size]="14" />
          </button>
        </div>
      }
    </div>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 0.375rem;
    }
    .stack {
      display: flex;
      flex-direction: column;
      gap: 0.375rem;
    }
    .stack:empty {
      display: none;
    }
    .pu-notice {
      align-items: center;
      box-shadow: var(--pu-shadow-lg);
    }
    .text {
      white-space: normal;
    }
    .ref {
      display: block;
      font-size: 0.6875rem;
      opacity: 0.9;
    }
    .close {
      --pu-control-h: 1.5rem;
      color: inherit;
    }
  `,
})
export class Notices {
  protected readonly notifier = inject(Notifier);
  private readonly store = inject(AgentStore);
  private readonly clock = inject(Clock);
  protected readonly t = inject(I18n).t;
  protected readonly errors = computed(() => this.notifier.notices().filter((n) => n.kind === 'error'));
  protected readonly infos = computed(() => this.notifier.notices().filter((n) => n.kind === 'info'));

  /**
   * The `at` of the system error the agent closed: the notice floats over the
   * call controls, so it must not block them for its whole minute.
   */
  private readonly dismissedAt = signal<string | null>(null);

  /** A `system.error` of the last minute: the gateway telling the agent something failed on its side. */
  protected readonly systemError = computed(() => {
    const error = this.store.lastError();
    if (!error || error.at === this.dismissedAt()) return null;
    return Date.parse(error.at) > this.clock.now() - 60_000 ? this.t(errorMessageKey(error.code)) : null;
  });

  protected dismissSystemError(): void {
    this.dismissedAt.set(this.store.lastError()?.at ?? null);
  }
}
