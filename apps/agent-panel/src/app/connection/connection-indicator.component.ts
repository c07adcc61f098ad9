import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import type { UpstreamHealth } from '@puente/contracts';
import { I18n } from '../core/i18n/i18n.service';
import type { MessageKey } from '../core/i18n/messages.en';
import { GatewayStatus } from './gateway-status.service';

const UPSTREAM_LABEL: Record<UpstreamHealth['name'], MessageKey> = {
  dialer: 'status.upstream.dialer',
  salesforce: 'status.upstream.salesforce',
  database: 'status.upstream.database',
  redis: 'status.upstream.redis',
};

/**
 * Is the gateway there, and are the dialer and Salesforce up: a green dot while all is
 * well, a line in words as soon as something is not (issue 16 §1).
 */
@Component({
  selector: 'pu-connection-indicator',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="indicator"
      [attr.data-level]="status.level()"
      role="status"
      aria-live="polite"
      [attr.aria-label]="t('status.region')"
      [title]="text()"
    >
      <span class="dot" aria-hidden="true"></span>
      <span class="text" [class.visually-hidden]="status.level() === 'ok'" data-testid="connection-status">{{
        text()
      }}</span>
    </div>
  `,
  styles: `
    .indicator {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      padding: 0.4rem 0.75rem;
      font-size: 0.8125rem;
      line-height: 1.3;
      border-radius: 6px;
      background: var(--pu-surface-muted);
      color: var(--pu-text);
    }
    .dot {
      flex: none;
      width: 0.625rem;
      height: 0.625rem;
      border-radius: 50%;
      background: var(--pu-danger);
      box-shadow: 0 0 0 3px color-mix(in srgb, var(--pu-danger) 25%, transparent);
    }
    [data-level='ok'] .dot {
      background: var(--pu-success);
      box-shadow: 0 0 0 3px color-mix(in srgb, var(--pu-success) 25%, transparent);
    }
    [data-level='degraded'] .dot {
      background: var(--pu-warning);
      box-shadow: 0 0 0 3px color-mix(in srgb, var(--pu-warning) 25%, transparent);
    }
    /* All up: only the dot (the words are its tooltip and for screen readers), so it costs no row. */
    [data-level='ok'] {
      padding: 0.375rem;
      background: transparent;
    }
    [data-level='down'] {
      background: var(--pu-danger-surface);
      color: var(--pu-danger-text);
    }
  `,
})
export class ConnectionIndicator {
  protected readonly status = inject(GatewayStatus);
  protected readonly t = inject(I18n).t;

  protected readonly text = computed(() => {
    const t = this.t;
    switch (this.status.link()) {
      case 'connecting':
        return t('status.gateway.connecting');
      case 'disconnected': {
        const attempt = this.status.reconnectAttempt();
        const base = t('status.gateway.disconnected');
        return attempt > 0 ? `${base} · ${t('status.gateway.reconnecting', { attempt })}` : base;
      }
      case 'connected': {
        const parts = (this.status.health()?.upstreams ?? []).map((u) =>
          t(`status.upstream.${u.status}`, { name: t(UPSTREAM_LABEL[u.name]) }),
        );
        return [t('status.gateway.connected'), ...parts].join(' · ');
      }
    }
  });
}
