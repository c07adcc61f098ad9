import { ChangeDetectionStrategy, Component, ElementRef, inject, input, output } from '@angular/core';
import { I18n } from '../../core/i18n/i18n.service';
import type { MessageKey } from '../../core/i18n/messages.en';
import { Icon, type IconName } from '../../ui/icon.component';

export type TabId = 'dialpad' | 'transfer' | 'conference' | 'breaks' | 'campaigns' | 'info' | 'settings';

export const TABS: readonly { id: TabId; icon: IconName; key: MessageKey }[] = [
  { id: 'dialpad', icon: 'keypad', key: 'tab.dialpad' },
  { id: 'transfer', icon: 'transfer', key: 'tab.transfer' },
  { id: 'conference', icon: 'conference', key: 'tab.conference' },
  { id: 'breaks', icon: 'coffee', key: 'tab.breaks' },
  { id: 'campaigns', icon: 'campaign', key: 'tab.campaigns' },
  { id: 'info', icon: 'info', key: 'tab.info' },
  { id: 'settings', icon: 'settings', key: 'tab.settings' },
];

/** The connector's functions as tabs: arrow keys move between them, Home and End to the ends. */
@Component({
  selector: 'pu-tab-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  template: `
    <div class="tabs" role="tablist" [attr.aria-label]="t('tab.label')">
      @for (tab of tabs; track tab.id) {
        <button
          type="button"
          role="tab"
          class="tab"
          [id]="'tab-' + tab.id"
          [attr.aria-selected]="active() === tab.id"
          [attr.aria-controls]="panelId()"
          [tabindex]="active() === tab.id ? 0 : -1"
          [title]="t(tab.key)"
          (click)="chosen.emit(tab.id)"
          (keydown)="onKey($event)"
          [attr.data-testid]="'tab-' + tab.id"
        >
          <pu-icon [name]="tab.icon" [size]="20" />
          <span class="label">{{ t(tab.key) }}</span>
        </button>
      }
    </div>
  `,
  styles: `
    .tabs {
      display: grid;
      grid-template-columns: repeat(7, 1fr);
      background: var(--pu-surface);
      border-top: 1px solid var(--pu-border);
    }
    .tab {
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: 0.125rem;
      position: relative;
      min-width: 0;
      min-height: 2.75rem;
      padding: 0.25rem 0.125rem;
      font: inherit;
      color: var(--pu-text-muted);
      background: transparent;
      border: 0;
      border-top: 3px solid transparent;
      cursor: pointer;
    }
    .tab:hover {
      color: var(--pu-text);
      background: var(--pu-surface-muted);
    }
    .tab[aria-selected='true'] {
      color: var(--pu-primary);
      border-top-color: var(--pu-primary);
    }
    .tab:focus-visible {
      outline-offset: -2px;
    }
    .label {
      max-width: 100%;
      overflow: hidden;
      font-size: 0.625rem;
      font-weight: 600;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    /* Too narrow for seven words: icons, the words kept as the tabs' names and tooltips. */
    @media (max-width: 419px) {
      .tab {
        min-height: 2.5rem;
      }
      .label {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
        white-space: nowrap;
      }
    }
  `,
})
export class TabBar {
  readonly active = input.required<TabId | null>();
  readonly panelId = input('softphone-panel');
  readonly chosen = output<TabId>();
  protected readonly t = inject(I18n).t;
  protected readonly tabs = TABS;
  private readonly host = inject(ElementRef<HTMLElement>);

  protected onKey(event: KeyboardEvent): void {
    const index = TABS.findIndex((tab) => tab.id === this.active());
    const last = TABS.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + TABS.length) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : -1;
    if (next < 0) return;
    event.preventDefault();
    this.chosen.emit(TABS[next].id);
    (this.host.nativeElement as HTMLElement).querySelector<HTMLElement>(`#tab-${TABS[next].id}`)?.focus();
  }
}
