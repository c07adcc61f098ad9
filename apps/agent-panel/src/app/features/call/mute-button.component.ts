import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { CallState } from '@puente/contracts';
import { Commands } from '../../api/commands.service';
import { I18n } from '../../core/i18n/i18n.service';
import { Notifier } from '../../core/notifier.service';
import { Icon } from '../../ui/icon.component';

/**
 * Mute / Unmute on a connected call (issue 16 §3). What it shows comes from
 * the call's state (the dialer's `call.muted` event), never from the click
 * alone, so a refused or lost command cannot leave the agent believing the
 * customer does not hear them.
 */
@Component({
  selector: 'pu-mute-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  template: `
    @if (connected()) {
      <button
        type="button"
        class="pu-btn"
        [class.muted]="muted()"
        [attr.aria-pressed]="muted()"
        [attr.aria-disabled]="notifier.pending('mute') || null"
        [title]="muted() ? t('call.muted') : t('call.mute')"
        (click)="toggle()"
        data-testid="mute-button"
      >
        <pu-icon [name]="muted() ? 'micOff' : 'mic'" [size]="16" />
        {{ muted() ? t('call.unmute') : t('call.mute') }}
      </button>
    }
  `,
  styles: `
    .muted {
      color: var(--pu-danger);
      border-color: var(--pu-danger);
    }
  `,
})
export class MuteButton {
  readonly call = input.required<CallState>();

  protected readonly t = inject(I18n).t;
  protected readonly notifier = inject(Notifier);
  private readonly commands = inject(Commands);

  protected readonly muted = computed(() => this.call().muted === true);
  /** Only a call the customer is on: not while it rings or dials, not once it ended. */
  protected readonly connected = computed(() => {
    const call = this.call();
    return call.answeredAt !== null && call.status !== 'ended';
  });

  /** aria-disabled, not disabled, while pending: disabling would drop the keyboard focus. */
  protected toggle(): void {
    if (this.notifier.pending('mute')) return;
    const { callId } = this.call();
    void this.notifier.run('mute', () =>
      this.muted() ? this.commands.unmute(callId) : this.commands.mute(callId),
    );
  }
}
