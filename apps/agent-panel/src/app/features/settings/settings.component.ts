import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { PanelSettingsSchema } from '@puente/contracts';
import { SystemStatus } from '../../connection/system-status.component';
import { I18n, LOCALES, type Locale } from '../../core/i18n/i18n.service';
import { Notifier } from '../../core/notifier.service';
import { OpenCti } from '../../cti/open-cti.service';
import { PANEL_LIMITS } from '../../cti/open-cti.types';
import { PanelPrefs } from '../../prefs/panel-prefs.service';

/** F1 (CONFIGURACIÓN): width, height, auto-minimise and language, kept across sessions; and diagnostics. */
@Component({
  selector: 'pu-settings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [SystemStatus],
  template: `
    <form class="pu-view pu-sheet" (submit)="save($event)" novalidate>
      <h2 class="pu-view-title">{{ t('settings.title') }}</h2>
      <!-- The settings scroll above Save, never under it (issue 16 §1, 340 × 500). -->
      <div class="pu-sheet-body">
        <div class="size">
          <div class="pu-field">
            <label class="pu-label" for="settings-width">{{ t('settings.width') }}</label>
            <input
              id="settings-width"
              class="pu-input tabular"
              type="number"
              [min]="limits.width.min"
              [max]="limits.width.max"
              step="10"
              [value]="width()"
              (input)="width.set(number($event))"
              [attr.aria-invalid]="!valid()"
              data-testid="settings-width"
            />
          </div>
          <div class="pu-field">
            <label class="pu-label" for="settings-height">{{ t('settings.height') }}</label>
            <input
              id="settings-height"
              class="pu-input tabular"
              type="number"
              [min]="limits.height.min"
              [max]="limits.height.max"
              step="10"
              [value]="height()"
              (input)="height.set(number($event))"
              [attr.aria-invalid]="!valid()"
              data-testid="settings-height"
            />
          </div>
        </div>
        <p class="pu-hint">
          {{
            t('settings.sizeHint', {
              minW: limits.width.min,
              maxW: limits.width.max,
              minH: limits.height.min,
              maxH: limits.height.max,
            })
          }}
        </p>
        <label class="pu-check">
          <input
            type="checkbox"
            [checked]="autoMinimize()"
            (change)="autoMinimize.set(checked($event))"
            data-testid="settings-auto-minimize"
          />
          {{ t('settings.autoMinimize') }}
        </label>
        <p class="pu-hint">{{ t('settings.autoMinimizeHint') }}</p>
        <div class="pu-field">
          <label class="pu-label" for="settings-language">{{ t('language.label') }}</label>
          <select id="settings-language" class="pu-select" (change)="chooseLocale(text($event))">
            <option value="auto" [selected]="locale() === null">{{ t('settings.languageAuto') }}</option>
            @for (l of locales; track l) {
              <option [value]="l" [selected]="locale() === l">
                {{ t(l === 'en' ? 'language.en' : 'language.es') }}
              </option>
            }
          </select>
        </div>
        <p class="pu-hint">
          {{ t(cti.host ? 'settings.ctiHosted' : 'settings.ctiStandalone', { status: t(ctiStatus()) }) }}
        </p>
        <pu-system-status />
      </div>
      <button
        type="submit"
        class="pu-btn pu-btn--primary pu-btn--block"
        [disabled]="!valid() || !prefs.settings() || notifier.pending('settings.save')"
        data-testid="settings-save"
      >
        {{ t('settings.save') }}
      </button>
    </form>
  `,
  styles: `
    .size {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 0.5rem;
    }
  `,
})
export class Settings {
  protected readonly prefs = inject(PanelPrefs);
  protected readonly notifier = inject(Notifier);
  protected readonly cti = inject(OpenCti);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly limits = PANEL_LIMITS;
  protected readonly locales = LOCALES;

  protected readonly width = signal(0);
  protected readonly height = signal(0);
  protected readonly autoMinimize = signal(true);
  protected readonly locale = signal<Locale | null>(null);
  protected readonly valid = computed(
    () =>
      PanelSettingsSchema.safeParse({
        width: this.width(),
        height: this.height(),
        autoMinimize: this.autoMinimize(),
        locale: this.locale(),
      }).success,
  );
  protected readonly ctiStatus = computed(() => {
    switch (this.cti.status()) {
      case 'ready':
        return 'settings.cti.ready' as const;
      case 'loading':
        return 'settings.cti.loading' as const;
      case 'failed':
        return 'settings.cti.failed' as const;
      default:
        return 'settings.cti.standalone' as const;
    }
  });

  constructor() {
    effect(() => {
      const s = this.prefs.settings();
      if (!s) return;
      untracked(() => {
        this.width.set(s.width);
        this.height.set(s.height);
        this.autoMinimize.set(s.autoMinimize);
        this.locale.set(s.locale);
      });
    });
  }

  protected number(event: Event): number {
    return Number((event.target as HTMLInputElement).value);
  }
  protected checked(event: Event): boolean {
    return (event.target as HTMLInputElement).checked;
  }
  protected text(event: Event): string {
    return (event.target as HTMLSelectElement).value;
  }

  protected chooseLocale(value: string): void {
    this.locale.set((LOCALES as readonly string[]).includes(value) ? (value as Locale) : null);
  }

  protected async save(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.valid()) return;
    const saved = await this.prefs.save({
      width: Math.round(this.width()),
      height: Math.round(this.height()),
      autoMinimize: this.autoMinimize(),
      locale: this.locale(),
    });
    if (saved) this.notifier.info('settings.saved');
  }
}
