import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import type { MonitorMode } from '@puente/contracts';
import { I18n } from '../../core/i18n/i18n.service';
import type { MessageKey } from '../../core/i18n/messages.en';
import { AgentStore } from '../../state/agent.store';
import { Icon } from '../../ui/icon.component';

const TEXT: Record<MonitorMode, MessageKey> = {
  listen: 'monitored.listen',
  assist: 'monitored.assist',
  barge: 'monitored.barge',
};

/**
 * On the agent's softphone: a supervisor is on this call, and how (the
 * agent's own state carries `monitoredBy`). In assist and barge the agent
 * hears the supervisor, so they must know who is speaking and to whom.
 */
@Component({
  selector: 'pu-monitored-notice',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  template: `
    @if (mode(); as m) {
      <div
        class="pu-notice"
        data-kind="info"
        role="status"
        data-testid="monitored-notice"
        [attr.data-mode]="m"
      >
        <pu-icon name="user" [size]="14" />
        <span>{{ t(text[m]) }}</span>
      </div>
    }
  `,
  styles: `
    .pu-notice {
      margin: 0.375rem 0.5rem 0;
    }
  `,
})
export class MonitoredNotice {
  private readonly store = inject(AgentStore);
  protected readonly t = inject(I18n).t;
  protected readonly text = TEXT;
  protected readonly mode = computed(() => this.store.state().monitoredBy?.mode ?? null);
}
