import { ChangeDetectionStrategy, Component, computed, inject, type OnInit } from '@angular/core';
import { ConnectionIndicator } from './connection/connection-indicator.component';
import { GatewayNotice } from './connection/gateway-notice.component';
import { GatewayStatus } from './connection/gateway-status.service';
import { SystemStatus } from './connection/system-status.component';
import { I18n, LOCALES, type Locale } from './core/i18n/i18n.service';
import { CtiBridge } from './cti/cti-bridge.service';
import { Login } from './features/login/login.component';
import { Softphone } from './features/shell/softphone.component';
import { StatusBar } from './features/status/status-bar.component';
import { SupervisorBoard } from './features/supervisor/supervisor-board.component';
import { SupervisorNav } from './features/supervisor/supervisor-nav.service';
import { ViewSwitch } from './features/supervisor/view-switch.component';
import { PanelPrefs } from './prefs/panel-prefs.service';
import { SessionService } from './session/session.service';
import { Icon } from './ui/icon.component';

@Component({
  selector: 'pu-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ConnectionIndicator,
    GatewayNotice,
    Icon,
    Login,
    Softphone,
    StatusBar,
    SupervisorBoard,
    SystemStatus,
    ViewSwitch,
  ],
  template: `
    <!--
      One row (issue 16 §1): who is logged in, the state and call timers, connection health as a dot that
      opens into a line only when something is down, language and log out. Below 560 px the status chips
      take a second row of their own.
    -->
    <header class="bar" [class.signed-in]="session.authenticated()">
      <div class="brand">
        <svg viewBox="0 0 32 32" width="22" height="22" aria-hidden="true">
          <rect width="32" height="32" rx="7" fill="currentColor" />
          <path
            d="M6 21c3-7 7-10 10-10s7 3 10 10"
            fill="none"
            stroke="#fff"
            stroke-width="3"
            stroke-linecap="round"
          />
        </svg>
        <h1 [class.visually-hidden]="session.authenticated()">
          {{ t('app.name') }} <span class="sub">{{ t('app.subtitle') }}</span>
        </h1>
      </div>
      @if (session.agent(); as agent) {
        <span
          class="agent"
          data-testid="agent-identity"
          [title]="t('shell.agent', { name: agent.displayName || agent.user, device: agent.device })"
          >{{ agent.displayName || agent.user }} ·
          <span class="visually-hidden">{{ t('shell.device') }} </span>{{ agent.device }}</span
        >
      }
      @if (session.phase() === 'authenticated') {
        <pu-status-bar class="status" />
      }
      <pu-connection-indicator class="indicator" [class.expanded]="!healthy()" />
      <select
        class="language"
        [value]="i18n.locale()"
        (change)="switchLanguage($event)"
        [attr.aria-label]="t('language.label')"
        [title]="t('language.label')"
      >
        @for (locale of locales; track locale) {
          <option [value]="locale" [selected]="i18n.locale() === locale">
            {{
              session.authenticated()
                ? locale.toUpperCase()
                : t(locale === 'en' ? 'language.en' : 'language.es')
            }}
          </option>
        }
      </select>
      <pu-view-switch />
      @if (session.authenticated()) {
        <button
          type="button"
          class="pu-btn pu-btn--ghost pu-btn--icon"
          [attr.aria-label]="t('shell.logout')"
          [title]="t('shell.logout')"
          (click)="session.logout()"
          data-testid="logout-button"
        >
          <pu-icon name="power" [size]="18" />
        </button>
      }
    </header>
    <pu-gateway-notice />
    @switch (session.phase()) {
      @case ('authenticated') {
        @if (nav.fullPage && nav.view() === 'board') {
          <!-- The full-page board (a console tab): the softphone lives in the utility bar, not here. -->
          @defer (on immediate) {
            <pu-supervisor-board [fullPage]="true" />
          } @placeholder {
            <p class="restoring" aria-live="polite">{{ t('common.loading') }}</p>
          }
        } @else {
          <!-- Hidden, not destroyed, while a supervisor looks at the board: the softphone keeps its place. -->
          <pu-softphone [style.display]="nav.view() === 'board' ? 'none' : null" />
          @if (nav.view() === 'board') {
            <!-- Only supervisors open the board: its code loads when it is first shown (initial budget). -->
            @defer (on immediate) {
              <pu-supervisor-board />
            } @placeholder {
              <p class="restoring" aria-live="polite">{{ t('common.loading') }}</p>
            }
          }
        }
      }
      @case ('anonymous') {
        <main class="anonymous">
          <pu-login />
          <pu-system-status />
        </main>
      }
      @default {
        <p class="restoring" aria-live="polite">{{ t('common.loading') }}</p>
      }
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      height: 100vh;
      min-width: 0;
      overflow: hidden;
    }
    /* The header never gives up height to the panel below: it would lie over it. */
    .bar {
      flex: none;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.375rem;
      min-height: 2.5rem;
      padding: 0.25rem 0.25rem 0.25rem 0.5rem;
      background: var(--pu-surface);
      border-bottom: 1px solid var(--pu-border);
    }
    .brand {
      display: flex;
      align-items: center;
      gap: 0.4rem;
      color: var(--pu-primary);
    }
    h1 {
      margin: 0;
      font-size: 0.9375rem;
      color: var(--pu-text);
      white-space: nowrap;
    }
    .sub {
      font-weight: 400;
      color: var(--pu-text-muted);
    }
    .agent {
      flex: none;
      font-size: 0.8125rem;
      font-weight: 600;
      white-space: nowrap;
    }
    .status {
      flex: 1 1 auto;
      min-width: 0;
    }
    .bar:not(.signed-in) .indicator {
      margin-left: auto;
    }
    .indicator.expanded {
      order: 10;
      flex: 1 1 100%;
    }
    .signed-in .agent {
      flex: 1 1 auto;
      min-width: 0;
    }
    select {
      font: inherit;
      font-size: 0.75rem;
      padding: 0.15rem 0.25rem;
      border: 1px solid var(--pu-border-strong);
      border-radius: 4px;
      background: var(--pu-surface);
      color: var(--pu-text);
    }
    @media (min-width: 560px) {
      .signed-in .agent {
        flex: none;
      }
    }
    @media (max-width: 559px) {
      .status {
        order: 9;
        flex: 1 1 100%;
      }
    }
    .anonymous {
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
      padding: 0.5rem;
      overflow-y: auto;
    }
    .restoring {
      padding: 1rem;
      color: var(--pu-text-muted);
    }
  `,
})
export class AppComponent implements OnInit {
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly locales = LOCALES;
  protected readonly session = inject(SessionService);
  protected readonly nav = inject(SupervisorNav);
  private readonly status = inject(GatewayStatus);
  /** All up: the connection shows as a dot; anything down opens it into a line of its own. */
  protected readonly healthy = computed(() => this.status.level() === 'ok');
  private readonly cti = inject(CtiBridge);
  private readonly prefs = inject(PanelPrefs);

  async ngOnInit(): Promise<void> {
    this.status.connect();
    // Open CTI first, so a restored session's pop and click-to-dial have a host to talk to.
    await this.cti.start();
    await this.session.restore();
    await this.cti.ready();
  }

  protected switchLanguage(event: Event): void {
    const locale = (event.target as HTMLSelectElement).value as Locale;
    if (this.session.authenticated()) void this.prefs.rememberLocale(locale);
    else this.i18n.use(locale);
  }
}
