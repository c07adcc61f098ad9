import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import type { UpstreamHealth } from '@puente/contracts';
import { I18n } from '../core/i18n/i18n.service';
import type { MessageKey } from '../core/i18n/messages.en';
import { GatewayStatus } from './gateway-status.service';

const LABEL: Record<UpstreamHealth['name'], MessageKey> = {
  dialer: 'status.upstream.dialer',
  salesforce: 'status.upstream.salesforce',
  database: 'status.upstream.database',
  redis: 'status.upstream.redis',
};

const STATE_LABEL: Record<UpstreamHealth['status'], MessageKey> = {
  up: 'diagnostics.up',
  down: 'diagnostics.down',
  unknown: 'diagnostics.unknown',
};

/** The details behind the indicator: each system, its state and its answer time. */
@Component({
  selector: 'pu-system-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="system-status-title">
      <h2 id="system-status-title">{{ t('diagnostics.title') }}</h2>
      @if (status.health(); as health) {
        <ul>
          <li>
            <span class="name">{{ t('diagnostics.gateway') }}</span>
            <span class="value">{{ t('diagnostics.version', { version: health.version }) }}</span>
          </li>
          @for (u of health.upstreams; track u.name) {
            <li [attr.data-status]="u.status">
              <span class="name">{{ t(label[u.name]) }}</span>
              <span class="value">
                {{ t(stateLabel[u.status]) }}
                @if (u.latencyMs !== null) {
                  · {{ t('diagnostics.latency', { ms: u.latencyMs }) }}
                } @else if (u.status === 'down') {
                  · {{ u.error ?? t('diagnostics.noAnswer') }}
                }
              </span>
            </li>
          }
        </ul>
      } @else {
        <p class="hint">{{ t('diagnostics.unreachable') }}</p>
      }
    </section>
  `,
  styles: `
    .card {
      background: var(--pu-surface);
      border: 1px solid var(--pu-border);
      border-radius: 8px;
      padding: 0.75rem 1rem;
    }
    h2 {
      margin: 0 0 0.5rem;
      font-size: 0.9375rem;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: flex;
      justify-content: space-between;
      gap: 1rem;
      padding: 0.35rem 0;
      border-top: 1px solid var(--pu-border);
      font-size: 0.8125rem;
    }
    li:first-child {
      border-top: none;
    }
    .name {
      font-weight: 600;
    }
    .name::first-letter {
      text-transform: uppercase;
    }
    [data-status='down'] .value {
      color: var(--pu-danger-text);
    }
    .hint {
      margin: 0;
      font-size: 0.8125rem;
      color: var(--pu-text-muted);
    }
  `,
})
export class SystemStatus {
  protected readonly status = inject(GatewayStatus);
  protected readonly t = inject(I18n).t;
  protected readonly label = LABEL;
  protected readonly stateLabel = STATE_LABEL;
}
