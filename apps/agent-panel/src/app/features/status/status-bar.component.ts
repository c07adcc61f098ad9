import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { formatDuration } from '../../core/duration.util';
import { I18n } from '../../core/i18n/i18n.service';
import { ACTIVITY_VIEW, CALL_STATUS_VIEW } from '../../state/agent-view.util';
import { AgentStore } from '../../state/agent.store';
import { Icon } from '../../ui/icon.component';

/**
 * B9, A3: the agent's state with its time, and the call's state with its timers, always on
 * screen: chips in the panel's one header row (issue 16 §1). The campaign shows with the call.
 */
@Component({
  selector: 'pu-status-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  template: `
    <div class="bar" data-testid="status-bar">
      <span class="pu-pill" [attr.data-tone]="activity().tone" data-testid="agent-state">
        {{ activityLabel() }}
        <span class="tabular" [attr.aria-label]="t('status.timeInState')">{{ timeInState() }}</span>
      </span>
      @if (store.call(); as call) {
        <span class="pu-pill" [attr.data-tone]="callView().tone" data-testid="call-state">
          {{ t(callView().key) }}
          <span class="tabular" [attr.aria-label]="t('status.callTime')">{{ callTime() }}</span>
        </span>
        @if (store.holdSeconds() > 0 || call.heldSince) {
          <span class="pu-pill" data-tone="hold" data-testid="hold-timer">
            <span class="visually-hidden">{{ t('status.holdTime') }}</span>
            <!-- While held the call's chip already says "On hold": this one shows only its time then. -->
            @if (call.status === 'on_hold') {
              <pu-icon name="hold" [size]="12" />
            } @else {
              <span aria-hidden="true">{{ t('status.holdShort') }}</span>
            }
            <span class="tabular">{{ holdTime() }}</span>
          </span>
        }
      }
    </div>
  `,
  styles: `
    .bar {
      display: flex;
      align-items: center;
      gap: 0.3rem;
      min-width: 0;
    }
    .bar .pu-pill {
      flex: none;
    }
    /* Three chips (state, call, hold) in 340 px, and beside the identity in the 620 px header's one row. */
    @media (max-width: 699px) {
      .bar .pu-pill {
        gap: 0.2rem;
        padding: 0.1rem 0.3rem;
        font-size: 0.6875rem;
      }
    }
  `,
})
export class StatusBar {
  protected readonly store = inject(AgentStore);
  protected readonly t = inject(I18n).t;
  protected readonly activity = computed(() => ACTIVITY_VIEW[this.store.activity()]);
  protected readonly activityLabel = computed(() => {
    const b = this.store.breakState();
    return this.store.activity() === 'paused' && b ? b.name : this.t(this.activity().key);
  });
  protected readonly callView = computed(() => CALL_STATUS_VIEW[this.store.call()?.status ?? 'ended']);
  protected readonly timeInState = computed(() => formatDuration(this.store.timeInState()));
  protected readonly callTime = computed(() => formatDuration(this.store.callSeconds()));
  protected readonly holdTime = computed(() => formatDuration(this.store.holdSeconds()));
}
