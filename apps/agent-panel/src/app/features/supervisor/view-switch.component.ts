import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { I18n } from '../../core/i18n/i18n.service';
import { Icon } from '../../ui/icon.component';
import { SupervisorNav } from './supervisor-nav.service';

/** The header's switch between the softphone and the board, shown to supervisors and admins only. */
@Component({
  selector: 'pu-view-switch',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  template: `
    @if (nav.canSupervise() && !nav.fullPage) {
      <button
        type="button"
        class="pu-btn pu-btn--ghost switch"
        [title]="t('supervisor.nav.label')"
        (click)="nav.toggle()"
        data-testid="view-switch"
      >
        @if (nav.view() === 'board') {
          <pu-icon name="phone" [size]="16" />{{ t('supervisor.nav.softphone') }}
        } @else {
          <pu-icon name="queue" [size]="16" />{{ t('supervisor.nav.board') }}
        }
      </button>
    }
  `,
  styles: `
    .switch {
      min-height: 1.75rem;
      padding: 0 0.5rem;
      font-size: 0.75rem;
    }
  `,
})
export class ViewSwitch {
  protected readonly nav = inject(SupervisorNav);
  protected readonly t = inject(I18n).t;
}
