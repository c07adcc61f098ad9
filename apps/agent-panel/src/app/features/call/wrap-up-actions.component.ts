import { ChangeDetectionStrategy, Component, inject, output } from '@angular/core';
import { I18n } from '../../core/i18n/i18n.service';
import { Icon } from '../../ui/icon.component';

export type WrapUpSheet = 'release' | 'schedule';

/** After the call, at the call area's foot: Release and Schedule open their sheet in the view. */
@Component({
  selector: 'pu-wrap-up-actions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  host: { class: 'pu-call-controls' },
  template: `
    <button
      type="button"
      class="pu-btn pu-btn--primary"
      (click)="openSheet.emit('release')"
      data-testid="release-button"
    >
      <pu-icon name="check" [size]="16" />{{ t('wrapUp.release') }}
    </button>
    <button
      type="button"
      class="pu-btn pu-btn--wide"
      (click)="openSheet.emit('schedule')"
      data-testid="schedule-button"
    >
      <pu-icon name="calendar" [size]="16" />{{ t('wrapUp.schedule') }}
    </button>
  `,
})
export class WrapUpActions {
  readonly openSheet = output<WrapUpSheet>();
  protected readonly t = inject(I18n).t;
}
