import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { I18n } from '../core/i18n/i18n.service';
import { RUNTIME_CONFIG } from '../core/runtime-config';
import { Icon } from '../ui/icon.component';

/**
 * Says that `?gateway=` named a gateway the served configuration does not
 * list, so the panel ignored it (issue 14 §2): whoever set the link up
 * learns why the panel is on another gateway, and an agent sent a crafted
 * link sees that something is off.
 */
@Component({
  selector: 'pu-gateway-notice',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  template: `
    @if (refused && !dismissed()) {
      <div class="pu-notice" data-kind="warning" role="alert" data-testid="gateway-refused">
        <pu-icon name="alert" [size]="16" />
        <span class="pu-grow text">{{ t('gateway.refused', { requested: refused, gateway: gateway }) }}</span>
        <button
          type="button"
          class="pu-btn pu-btn--ghost pu-btn--icon close"
          [attr.aria-label]="t('common.dismiss')"
          (click)="dismissed.set(true)"
        >
          <pu-icon name="close" [size]="14" />
        </button>
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
      padding: 0.25rem 0.5rem 0;
    }
    :host(:empty) {
      display: none;
    }
    .pu-notice {
      align-items: center;
    }
    .text {
      white-space: normal;
      overflow-wrap: anywhere;
    }
    .close {
      --pu-control-h: 1.5rem;
      color: inherit;
    }
  `,
})
export class GatewayNotice {
  private readonly config = inject(RUNTIME_CONFIG);
  protected readonly t = inject(I18n).t;
  protected readonly refused = this.config.refusedGateway;
  protected readonly gateway = this.config.gatewayUrl;
  protected readonly dismissed = signal(false);
}
