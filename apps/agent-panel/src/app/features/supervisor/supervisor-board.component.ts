import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import type { ScopeFigures } from '@puente/contracts';
import { toPanelError } from '../../api/api-error';
import { I18n } from '../../core/i18n/i18n.service';
import type { MessageKey } from '../../core/i18n/messages.en';
import { Notifier } from '../../core/notifier.service';
import { RUNTIME_CONFIG } from '../../core/runtime-config';
import { OpenCti } from '../../cti/open-cti.service';
import { PanelPrefs } from '../../prefs/panel-prefs.service';
import { SessionService } from '../../session/session.service';
import { Notices } from '../../ui/notices.component';
import { BoardFilters } from './board-filters.component';
import { BoardTable } from './board-table.component';
import { boardViewUrl } from './board-view';
import { BoardStore, type BoardLinkStatus } from './board.store';
import {
  type BoardFilter,
  filterOptions,
  NO_FILTER,
  type SortDir,
  type SortKey,
  visibleRows,
} from './board.util';
import { FiguresStrip } from './figures-strip.component';
import { MonitorBar } from './monitor-bar.component';

const LINK_TEXT: Record<BoardLinkStatus, MessageKey> = {
  connecting: 'supervisor.link.connecting',
  live: 'supervisor.link.live',
  reconnecting: 'supervisor.link.reconnecting',
  forbidden: 'supervisor.link.forbidden',
};

/**
 * The supervisor board (E1-E3): the figures of the supervisor's campaigns and
 * queues, the agents filtered and sorted, and the monitoring controls for
 * the agent picked. Laid out as a wallboard for the softphone's own size
 * (issue 16 §1): one toolbar line, figures that fold away, the rows in a
 * region of their own between fixed bars, columns chosen by the board's
 * width (a container query), and a full-page mode in a console tab. Its
 * BoardStore lives and dies with the view, so the `/supervisors` connection
 * is open only while the board is shown.
 */
@Component({
  selector: 'pu-supervisor-board',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BoardFilters, BoardTable, FiguresStrip, MonitorBar, Notices],
  providers: [BoardStore],
  template: `
    <header class="top">
      <h2 [class.visually-hidden]="!fullPage()">{{ t('supervisor.title') }}</h2>
      <span class="link" [attr.data-status]="store.status()" role="status" data-testid="board-link">{{
        t(linkText[store.status()])
      }}</span>
      <span class="count" data-testid="board-count">
        {{ t('supervisor.count', { shown: shown().length, total: store.rows().length }) }}
      </span>
      <button
        type="button"
        class="tool"
        [attr.aria-expanded]="!folded()"
        aria-controls="board-figures"
        [title]="t(folded() ? 'supervisor.figures.show' : 'supervisor.figures.hide')"
        (click)="toggleFigures()"
        data-testid="figures-toggle"
      >
        <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true">
          <path d="M5 20V11M12 20V4M19 20v-6" />
        </svg>
        <span class="tool-label">{{ t('supervisor.figures.title') }}</span>
        <span aria-hidden="true" class="caret">{{ folded() ? '▸' : '▾' }}</span>
      </button>
      @if (!fullPage()) {
        <button
          type="button"
          class="tool"
          [title]="t('supervisor.openTab.hint')"
          (click)="openTab()"
          data-testid="board-open-tab"
        >
          <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true">
            <path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" />
          </svg>
          <span class="tool-label">{{ t('supervisor.openTab') }}</span>
        </button>
      }
    </header>
    @if (store.status() === 'forbidden') {
      <p class="pu-notice" data-kind="error" role="alert" data-testid="board-forbidden">
        {{ t('supervisor.link.forbidden') }}
      </p>
    } @else {
      @if (!folded()) {
        <pu-figures-strip
          id="board-figures"
          [figures]="store.figures()"
          [active]="activeCard()"
          (choose)="narrowTo($event)"
        />
      }
      <pu-board-filters [filter]="filter()" [options]="options()" (changed)="filter.set($event)" />
      @if (store.loaded() && shown().length === 0) {
        <p class="empty" data-testid="board-empty">{{ t('supervisor.empty') }}</p>
      }
      <pu-board-table
        [rows]="shown()"
        [queues]="options().queues"
        [selected]="selectedId()"
        [me]="me()?.agentId ?? null"
        [sortKey]="sortKey()"
        [sortDir]="sortDir()"
        (pick)="selectedId.set($event)"
        (sort)="sortBy($event)"
      />
      <pu-monitor-bar [row]="selected()" [rows]="store.rows()" />
    }
    <div class="floating"><pu-notices /></div>
  `,
  styles: `
    :host {
      position: relative;
      display: flex;
      flex-direction: column;
      flex: 1 1 auto;
      min-height: 0;
      background: var(--pu-surface);
      container: board / inline-size;
    }
    /* Wraps rather than cut a word: 340 px holds the full page's title, Live and the count only just. */
    .top {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0 0.5rem;
      min-height: 2rem;
      padding: 0.125rem 0.5rem;
      border-bottom: 1px solid var(--pu-border);
    }
    h2 {
      margin: 0;
      font-size: 1rem;
      white-space: nowrap;
    }
    .link {
      display: inline-flex;
      flex: none;
      align-items: center;
      gap: 0.3rem;
      max-width: 100%;
      min-width: 0;
      overflow: hidden;
      font-size: 0.75rem;
      color: var(--pu-warning-text);
      white-space: nowrap;
      text-overflow: ellipsis;
    }
    .link::before {
      content: '';
      flex: none;
      width: 0.5rem;
      height: 0.5rem;
      border-radius: 50%;
      background: currentColor;
    }
    .link[data-status='live'] {
      color: var(--pu-success);
      font-weight: 700;
    }
    .count {
      margin-left: auto;
      font-size: 0.75rem;
      color: var(--pu-text-muted);
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .tool {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      height: 1.625rem;
      padding: 0 0.4rem;
      font: inherit;
      font-size: 0.75rem;
      font-weight: 600;
      color: var(--pu-text);
      background: var(--pu-surface);
      border: 1px solid var(--pu-border-strong);
      border-radius: 4px;
      cursor: pointer;
      white-space: nowrap;
    }
    .tool:hover {
      background: var(--pu-surface-muted);
    }
    .tool svg {
      fill: none;
      stroke: currentColor;
      stroke-width: 2;
      stroke-linecap: round;
      stroke-linejoin: round;
    }
    .tool[aria-expanded='true'] {
      background: var(--pu-primary-surface);
      border-color: var(--pu-primary);
    }
    .caret {
      font-size: 0.625rem;
    }
    .empty,
    .pu-notice {
      margin: 0.5rem 0.75rem;
      color: var(--pu-text-muted);
    }
    .floating {
      position: absolute;
      right: 0.75rem;
      bottom: 3.25rem;
      z-index: 5;
      width: min(24rem, calc(100% - 1.5rem));
    }
    @container board (max-width: 479px) {
      .tool-label {
        display: none;
      }
    }
  `,
})
export class SupervisorBoard {
  /** The board is the whole page (a console tab): a heading, no "open in a tab". */
  readonly fullPage = input(false);

  protected readonly store = inject(BoardStore);
  protected readonly t = inject(I18n).t;
  protected readonly me = inject(SessionService).agent;
  private readonly prefs = inject(PanelPrefs);
  private readonly cti = inject(OpenCti);
  private readonly notifier = inject(Notifier);
  private readonly runtime = inject(RUNTIME_CONFIG);
  private readonly document = inject(DOCUMENT);
  protected readonly linkText = LINK_TEXT;

  protected readonly filter = signal<BoardFilter>(NO_FILTER);
  protected readonly sortKey = signal<SortKey>('state');
  protected readonly sortDir = signal<SortDir>('asc');
  protected readonly selectedId = signal<string | null>(null);
  /** Flipped here at once; the saved setting follows (and rules again on the next start). */
  private readonly foldedNow = signal<boolean | null>(null);
  protected readonly folded = computed(
    () => this.foldedNow() ?? this.prefs.settings()?.boardFiguresFolded ?? false,
  );

  /** Recomputed on a delta, a filter or a sort; never on the clock's tick (sorting uses start stamps). */
  protected readonly shown = computed(() =>
    visibleRows(this.store.rows(), this.filter(), this.sortKey(), this.sortDir()),
  );
  protected readonly options = computed(() => filterOptions(this.store.rows(), this.store.figures()));
  protected readonly selected = computed(
    () => this.store.rows().find((r) => r.agentId === this.selectedId()) ?? null,
  );
  protected readonly activeCard = computed(() => {
    const f = this.filter();
    if (f.campaignId && !f.queueId) return `campaign:${f.campaignId}`;
    if (f.queueId && !f.campaignId) return `queue:${f.queueId}`;
    return null;
  });

  constructor() {
    this.store.connect();
  }

  protected toggleFigures(): void {
    const folded = !this.folded();
    this.foldedNow.set(folded);
    void this.prefs.rememberBoardFigures(folded);
  }

  /**
   * Inside Salesforce the console opens the full-page board in a tab of its
   * own (screenPop of type URL); standalone, the browser opens a new tab.
   * Either way the new page picks up this session from this tab.
   */
  protected async openTab(): Promise<void> {
    const url = boardViewUrl(this.document.location, this.runtime.gatewayUrl);
    try {
      if (await this.cti.popUrl(url)) return;
    } catch (error) {
      this.notifier.error(toPanelError(error));
      return;
    }
    this.document.defaultView?.open(url, '_blank', 'noopener');
  }

  protected narrowTo(figures: ScopeFigures): void {
    const key = `${figures.kind}:${figures.id}`;
    this.filter.update((f) =>
      this.activeCard() === key
        ? { ...f, campaignId: null, queueId: null }
        : {
            ...f,
            campaignId: figures.kind === 'campaign' ? figures.id : null,
            queueId: figures.kind === 'queue' ? figures.id : null,
          },
    );
  }

  protected sortBy(key: SortKey): void {
    if (this.sortKey() === key) this.sortDir.update((d) => (d === 'asc' ? 'desc' : 'asc'));
    else {
      this.sortKey.set(key);
      this.sortDir.set('asc');
    }
  }
}
