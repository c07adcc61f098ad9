import { ChangeDetectionStrategy, Component, effect, inject, signal, untracked } from '@angular/core';
import { I18n } from '../../core/i18n/i18n.service';
import { PopExecutor } from '../../cti/pop-executor.service';
import { AgentStore } from '../../state/agent.store';
import { Icon } from '../../ui/icon.component';
import { Notices } from '../../ui/notices.component';
import { Breaks } from '../breaks/breaks.component';
import { CallArea, type WrapUpSheet } from '../call/call-area.component';
import { Campaigns } from '../campaigns/campaigns.component';
import { Conference } from '../conference/conference.component';
import { Dialpad } from '../dialpad/dialpad.component';
import { InfoPanel } from '../info/info-panel.component';
import { Settings } from '../settings/settings.component';
import { LinkBanner } from '../status/link-banner.component';
import { MonitoredNotice } from '../supervisor/monitored-notice.component';
import { Transfer } from '../transfer/transfer.component';
import { Release } from '../wrap-up/release.component';
import { Schedule } from '../wrap-up/schedule.component';
import { TabBar, type TabId } from './tab-bar.component';

/**
 * The logged-in softphone (state and timers are in the app's header row):
 * the call area, one function view that scrolls in its own region, and the
 * function tabs at the bottom. From 560 px wide (the softphone's 620 × 420)
 * the call takes a column of its own beside the view, as commercial
 * softphones lay it out; narrower, it sits above the view at a fixed height,
 * so nothing jumps when a call arrives. The wrap-up sheets (release,
 * schedule) take the view's place until done.
 */
@Component({
  selector: 'pu-softphone',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    Breaks,
    CallArea,
    Campaigns,
    Conference,
    Dialpad,
    Icon,
    InfoPanel,
    LinkBanner,
    MonitoredNotice,
    Notices,
    Release,
    Schedule,
    Settings,
    TabBar,
    Transfer,
  ],
  template: `
    <div class="body">
      <pu-call-area class="call" [sheetOpen]="!!sheet()" (openSheet)="sheet.set($event)" />
      <div class="side">
        <pu-monitored-notice />
        @if (pop.linkWarning()) {
          <div class="pu-notice warning" data-kind="warning" role="alert" data-testid="link-warning">
            <span class="pu-grow">{{ t('crm.linkWarning') }}</span>
            <button
              type="button"
              class="pu-btn pu-btn--ghost pu-btn--icon"
              [attr.aria-label]="t('common.dismiss')"
              (click)="pop.dismissWarning()"
            >
              <pu-icon name="close" [size]="14" />
            </button>
          </div>
        }
        <div
          class="view"
          [class.has-sheet]="sheet()"
          id="softphone-panel"
          [attr.role]="sheet() ? null : 'tabpanel'"
          [attr.aria-labelledby]="sheet() ? null : 'tab-' + tab()"
        >
          @if (sheet(); as open) {
            <div class="sheet-head">
              <button
                type="button"
                class="pu-btn pu-btn--ghost back"
                (click)="sheet.set(null)"
                data-testid="sheet-back"
              >
                <pu-icon name="left" [size]="14" />{{ t('common.back') }}
              </button>
              <span class="sheet-title" aria-hidden="true">{{
                t(open === 'release' ? 'release.title' : 'schedule.title')
              }}</span>
            </div>
            @if (open === 'release') {
              <pu-release (done)="sheet.set(null)" />
            } @else {
              <pu-schedule (done)="sheet.set(null)" />
            }
          } @else {
            @switch (tab()) {
              @case ('dialpad') {
                <pu-dialpad />
              }
              @case ('transfer') {
                <pu-transfer />
              }
              @case ('conference') {
                <!-- Seldom used: its code loads when the tab is first opened (the initial budget). -->
                @defer (on immediate) {
                  <pu-conference />
                } @placeholder {
                  <p class="pu-empty">{{ t('common.loading') }}</p>
                }
              }
              @case ('breaks') {
                <pu-breaks />
              }
              @case ('campaigns') {
                <pu-campaigns />
              }
              @case ('info') {
                <pu-info-panel />
              }
              @case ('settings') {
                <!-- Seldom used: its code loads when the tab is first opened (the initial budget). -->
                @defer (on immediate) {
                  <pu-settings />
                } @placeholder {
                  <p class="pu-empty">{{ t('common.loading') }}</p>
                }
              }
            }
          }
        </div>
        <div class="floating">
          <pu-link-banner />
          <pu-notices />
        </div>
      </div>
    </div>
    <pu-tab-bar [active]="sheet() ? null : tab()" (chosen)="choose($event)" />
  `,
  styles: `
    :host {
      position: relative;
      display: flex;
      flex-direction: column;
      flex: 1 1 auto;
      min-height: 0;
    }
    .body {
      display: flex;
      flex-direction: column;
      flex: 1 1 auto;
      min-height: 0;
    }
    .side {
      position: relative;
      display: flex;
      flex-direction: column;
      flex: 1 1 auto;
      min-width: 0;
      min-height: 0;
    }
    .view {
      flex: 1 1 auto;
      min-height: 0;
      overflow-y: auto;
    }
    /* The softphone's 620 px and wider: the call on the left for the whole height, the function on the right. */
    @media (min-width: 560px) {
      .body {
        flex-direction: row;
      }
      .call {
        flex: 0 0 clamp(15rem, 40%, 22rem);
        border-right: 1px solid var(--pu-border);
      }
    }
    /* A sheet fills the view, which then does not scroll: the sheet's fields do, above its buttons. */
    .view.has-sheet {
      display: flex;
      flex-direction: column;
    }
    .view.has-sheet > :not(.sheet-head) {
      display: flex;
      flex-direction: column;
      flex: 1 1 auto;
      min-height: 0;
    }
    /* One short line: back, and which sheet this is (the tabs show none while it is open). */
    .sheet-head {
      display: flex;
      flex: none;
      align-items: center;
      gap: 0.5rem;
      padding: 0.25rem 0.5rem 0;
    }
    .back {
      --pu-control-h: 1.75rem;
      padding: 0 0.375rem;
      font-size: 0.8125rem;
    }
    .sheet-title {
      font-size: 0.8125rem;
      font-weight: 700;
      color: var(--pu-text-muted);
    }
    .warning {
      margin: 0.375rem 0.5rem 0;
    }
    /*
     * Notices and the reconnecting banner in the flow at the foot of the column, not over it: an
     * error that stays until dismissed must not lie over Categorise or Hang up (issue 16 §1).
     */
    .floating {
      display: flex;
      flex: none;
      flex-direction: column;
      gap: 0.375rem;
      padding: 0 0.5rem;
    }
    .floating:has(> * > *) {
      padding-bottom: 0.5rem;
    }
  `,
})
export class Softphone {
  protected readonly t = inject(I18n).t;
  protected readonly pop = inject(PopExecutor);
  private readonly store = inject(AgentStore);
  protected readonly tab = signal<TabId>('campaigns');
  protected readonly sheet = signal<WrapUpSheet | null>(null);

  constructor() {
    // Once the contact is released (by the agent, the automatic release or another tab) the sheet has nothing to act on.
    effect(() => {
      if (!this.store.contact()) untracked(() => this.sheet.set(null));
    });
    // A call that connects brings the keypad forward: DTMF is what an agent needs next.
    effect(() => {
      const status = this.store.liveCall()?.status;
      if (status === 'talking') untracked(() => this.tab() === 'campaigns' && this.tab.set('dialpad'));
    });
  }

  protected choose(tab: TabId): void {
    this.sheet.set(null);
    this.tab.set(tab);
  }
}
