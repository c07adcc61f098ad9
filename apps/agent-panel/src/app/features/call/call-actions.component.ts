import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import type { CallState } from '@puente/contracts';
import { Commands } from '../../api/commands.service';
import { I18n } from '../../core/i18n/i18n.service';
import { Notifier } from '../../core/notifier.service';
import { Icon } from '../../ui/icon.component';
import { CallTasks } from './call-tasks.component';
import { MuteButton } from './mute-button.component';

/**
 * The controls of a live call, in the call area's foot: the hint while it rings or dials,
 * Complete / End of an attended transfer (only here, issue 16 §1) or Hold, then Mute, More and
 * Hang up.
 */
@Component({
  selector: 'pu-call-actions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon, MuteButton, CallTasks],
  host: { class: 'pu-call-controls' },
  template: `
    @let live = call();
    @if (live.status === 'ringing' || live.status === 'dialing') {
      <span class="hint">{{ t(live.status === 'ringing' ? 'call.answerOnPhone' : 'call.dialingHint') }}</span>
    } @else if (live.transfer?.mode === 'attended') {
      <button
        type="button"
        class="pu-btn pu-btn--primary"
        (click)="completeTransfer(live.callId)"
        [disabled]="notifier.pending('transfer.complete')"
      >
        <pu-icon name="transfer" [size]="16" />{{ t('transfer.complete') }}
      </button>
      <button
        type="button"
        class="pu-btn"
        (click)="endTransfer(live.callId)"
        [disabled]="notifier.pending('transfer.end')"
      >
        {{ t('transfer.end') }}
      </button>
    } @else {
      <button
        type="button"
        class="pu-btn"
        [attr.aria-pressed]="live.status === 'on_hold'"
        [attr.aria-disabled]="notifier.pending('hold') || null"
        (click)="toggleHold(live.callId, live.status === 'on_hold')"
        data-testid="hold-button"
      >
        <pu-icon [name]="live.status === 'on_hold' ? 'play' : 'hold'" [size]="16" />
        {{ live.status === 'on_hold' ? t('call.resume') : t('call.hold') }}
      </button>
    }
    <pu-mute-button [call]="live" />
    <pu-call-tasks [call]="live" />
    <button
      type="button"
      class="pu-btn pu-btn--danger"
      [disabled]="notifier.pending('hangup')"
      (click)="hangup(live.callId)"
      data-testid="hangup-button"
    >
      <pu-icon name="hangup" [size]="16" />{{ t('call.hangup') }}
    </button>
  `,
  styles: `
    /* Beside Hang up while it fits (340 × 500: the caller's fields keep the row), else a line of its own. */
    .hint {
      flex: 1 1 8rem;
      align-self: center;
      font-size: 0.8125rem;
      font-weight: 600;
      color: var(--pu-state-ringing-fg);
    }
  `,
})
export class CallActions {
  readonly call = input.required<CallState>();
  private readonly commands = inject(Commands);
  protected readonly notifier = inject(Notifier);
  protected readonly t = inject(I18n).t;

  /** The hold button is aria-disabled, not disabled, while pending: disabling it would drop the keyboard focus. */
  protected toggleHold(callId: string, held: boolean): void {
    if (this.notifier.pending('hold')) return;
    void this.notifier.run('hold', () => (held ? this.commands.unhold(callId) : this.commands.hold(callId)));
  }

  protected completeTransfer(callId: string): void {
    void this.notifier.run('transfer.complete', () => this.commands.completeTransfer(callId));
  }

  protected endTransfer(callId: string): void {
    void this.notifier.run('transfer.end', () => this.commands.endTransfer(callId));
  }

  protected hangup(callId: string): void {
    void this.notifier.run('hangup', () => this.commands.hangup(callId));
  }
}
