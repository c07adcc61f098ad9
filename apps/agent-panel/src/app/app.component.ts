import { ChangeDetectionStrategy, Component, inject, type OnInit } from '@angular/core';
import { ConnectionIndicator } from './connection/connection-indicator.component';
import { GatewayStatus } from './connection/gateway-status.service';
import { SystemStatus } from './connection/system-status.component';
import { I18n, LOCALES, type Locale } from './core/i18n/i18n.service';

@Component({
  selector: 'pu-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ConnectionIndicator, SystemStatus],
  template: `
    <header class="bar">
      <div class="brand">
        <svg viewBox="0 0 32 32" width="24" height="24" aria-hidden="true">
          <rect width="32" height="32" rx="7" fill="currentColor" />
          <path
            d="M6 21c3-7 7-10 10-10s7 3 10 10"
            fill="none"
            stroke="#fff"
            stroke-width="3"
            stroke-linecap="round"
          />
        </svg>
        <h1>
          {{ t('app.name') }} <span class="sub">{{ t('app.subtitle') }}</span>
        </h1>
      </div>
      <select
        [value]="i18n.locale()"
        (change)="switchLanguage($event)"
        [attr.aria-label]="t('language.label')"
      >
        @for (locale of locales; track locale) {
          <option [value]="locale">{{ t(locale === 'en' ? 'language.en' : 'language.es') }}</option>
        }
      </select>
    </header>
    <pu-connection-indicator />
    <main>
      <pu-system-status />
    </main>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      min-height: 100vh;
      padding: 0.5rem;
      box-sizing: border-box;
    }
    .bar {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
    }
    .brand {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      color: var(--pu-primary);
    }
    h1 {
      margin: 0;
      font-size: 1rem;
      color: var(--pu-text);
    }
    .sub {
      font-weight: 400;
      color: var(--pu-text-muted);
    }
    select {
      font: inherit;
      font-size: 0.8125rem;
      padding: 0.2rem 0.4rem;
      border: 1px solid var(--pu-border-strong);
      border-radius: 4px;
      background: var(--pu-surface);
      color: var(--pu-text);
    }
  `,
})
export class AppComponent implements OnInit {
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly locales = LOCALES;
  private readonly status = inject(GatewayStatus);

  ngOnInit(): void {
    this.status.connect();
  }

  protected switchLanguage(event: Event): void {
    this.i18n.use((event.target as HTMLSelectElement).value as Locale);
  }
}
