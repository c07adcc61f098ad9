import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import type { BoardRow } from '@puente/contracts';
import { Clock } from '../../core/clock.service';
import { formatDuration, secondsSince } from '../../core/duration.util';
import { I18n } from '../../core/i18n/i18n.service';
import type { MessageKey } from '../../core/i18n/messages.en';
import { ACTIVITY_VIEW } from '../../state/agent-view.util';
import { Icon } from '../../ui/icon.component';
import { type SortDir, type SortKey, windowOf } from './board.util';

/** Fixed row height: what makes the window arithmetic exact (and rows never jump). */
export const ROW_HEIGHT = 36;

const COLUMNS: readonly { key: SortKey; label: MessageKey }[] = [
  { key: 'agent', label: 'supervisor.col.agent' },
  { key: 'state', label: 'supervisor.col.state' },
  { key: 'time', label: 'supervisor.col.time' },
  { key: 'campaign', label: 'supervisor.col.campaign' },
  { key: 'call', label: 'supervisor.col.call' },
  { key: 'monitor', label: 'supervisor.col.monitor' },
];

/**
 * The board's rows, windowed: only the rows in view (plus a margin) are in
 * the DOM, so 500 or 2,000 agents cost the same per tick as 30. Rows are
 * immutable objects replaced whole by a delta, and tracked by agent id, so a
 * delta re-renders only the rows it changed; the one-second tick updates only
 * the timers of the visible rows.
 */
@Component({
  selector: 'pu-board-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  template: `
    <div class="table" role="grid" [attr.aria-rowcount]="rows().length + 1" data-testid="board-table">
      <div class="row head" role="row" aria-rowindex="1">
        @for (col of columns; track col.key) {
          <div
            role="columnheader"
            class="cell"
            [attr.aria-sort]="
              sortKey() === col.key ? (sortDir() === 'asc' ? 'ascending' : 'descending') : 'none'
            "
          >
            <button
              type="button"
              class="sort"
              [title]="t('supervisor.sortBy', { column: t(col.label) })"
              (click)="sort.emit(col.key)"
              [attr.data-testid]="'sort-' + col.key"
            >
              {{ t(col.label) }}
              @if (sortKey() === col.key) {
                <span aria-hidden="true">{{ sortDir() === 'asc' ? '▲' : '▼' }}</span>
              }
            </button>
          </div>
        }
      </div>
      <div class="scroller" #scroller (scroll)="onScroll()">
        <div class="spacer" [style.height.px]="rows().length * rowHeight">
          <div class="slice" [style.transform]="'translateY(' + start() * rowHeight + 'px)'">
            @for (row of slice(); track row.agentId; let i = $index) {
              <div
                class="row"
                role="row"
                tabindex="0"
                [attr.aria-rowindex]="start() + i + 2"
                [attr.aria-selected]="row.agentId === selected()"
                [class.dialer]="row.source === 'dialer'"
                (click)="pick.emit(row.agentId)"
                (keydown.enter)="pick.emit(row.agentId)"
                (keydown.space)="pick.emit(row.agentId); $event.preventDefault()"
                [attr.data-testid]="'board-row-' + row.user"
              >
                <div role="gridcell" class="cell agent" [title]="row.user">
                  <span class="name">{{ row.displayName || row.user }}</span>
                  @if (row.help; as help) {
                    <span
                      class="pu-pill role"
                      data-tone="ringing"
                      [title]="help.reason"
                      data-testid="row-help"
                    >
                      {{ t('supervisor.badge.help') }}
                    </span>
                  }
                  @if (row.role === 'supervisor') {
                    <span class="pu-pill role" data-tone="idle" data-testid="row-role">
                      {{ t('supervisor.badge.supervisor') }}
                    </span>
                  }
                  <span class="muted">{{ row.user }}</span>
                </div>
                <div role="gridcell" class="cell">
                  <span class="pu-pill" [attr.data-tone]="tone(row)" data-testid="row-state">
                    {{
                      row.activity === 'paused' && row.breakState ? row.breakState.name : t(activityKey(row))
                    }}
                  </span>
                </div>
                <div role="gridcell" class="cell tabular" data-testid="row-time">
                  {{ since(row.stateSince) }}
                  @if (row.source === 'dialer') {
                    <span class="muted" [title]="t('supervisor.source.dialer')">*</span>
                  }
                </div>
                <div role="gridcell" class="cell" [title]="row.campaign?.name ?? ''">
                  {{ row.campaign?.name ?? '—' }}
                </div>
                <div role="gridcell" class="cell call" data-testid="row-call">
                  @if (row.call; as call) {
                    <pu-icon [name]="call.direction === 'inbound' ? 'inbound' : 'outbound'" [size]="14" />
                    <span class="party">{{ call.party }}</span>
                    <span class="tabular muted">{{ since(call.answeredAt ?? call.startedAt) }}</span>
                  } @else {
                    <span class="muted">{{ t('supervisor.call.none') }}</span>
                  }
                </div>
                <div role="gridcell" class="cell" data-testid="row-monitor">
                  @if (row.monitoredBy; as m) {
                    <span class="pu-pill" data-tone="hold">
                      {{
                        t('supervisor.monitoredBy', { mode: t(modeKey[m.mode]), who: who(m.supervisorId) })
                      }}
                    </span>
                  }
                </div>
              </div>
            }
          </div>
        </div>
      </div>
    </div>
  `,
  styles: `
    :host {
      display: flex;
      flex: 1 1 auto;
      min-height: 0;
      overflow-x: auto;
    }
    .table {
      display: flex;
      flex-direction: column;
      flex: 1 1 auto;
      min-width: 52rem;
      min-height: 0;
    }
    .row {
      display: grid;
      grid-template-columns: 1.4fr 1.1fr 0.7fr 1fr 1.5fr 1.1fr;
      align-items: center;
      height: ${ROW_HEIGHT}px;
      box-sizing: border-box;
      padding: 0 0.5rem;
      border-bottom: 1px solid var(--pu-border);
      font-size: 0.8125rem;
    }
    .row[role='row']:not(.head) {
      cursor: pointer;
    }
    .row:not(.head):hover {
      background: var(--pu-surface-muted);
    }
    .row[aria-selected='true'] {
      background: var(--pu-primary-surface);
      box-shadow: inset 3px 0 0 var(--pu-primary);
    }
    .row:focus-visible {
      outline: 2px solid var(--pu-focus);
      outline-offset: -2px;
    }
    .row.dialer {
      color: var(--pu-text-muted);
    }
    .head {
      background: var(--pu-surface);
      border-bottom: 1px solid var(--pu-border-strong);
    }
    .cell {
      display: flex;
      align-items: center;
      gap: 0.3rem;
      min-width: 0;
      overflow: hidden;
      white-space: nowrap;
      text-overflow: ellipsis;
      padding-right: 0.5rem;
    }
    .agent {
      gap: 0.4rem;
    }
    .name {
      font-weight: 600;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .role {
      flex: none;
      font-size: 0.6875rem;
    }
    .party {
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .muted {
      color: var(--pu-text-muted);
      font-size: 0.75rem;
    }
    .sort {
      padding: 0;
      font: inherit;
      font-size: 0.75rem;
      font-weight: 700;
      color: var(--pu-text-muted);
      background: none;
      border: 0;
      cursor: pointer;
      text-transform: uppercase;
      letter-spacing: 0.02em;
    }
    .scroller {
      flex: 1 1 auto;
      min-height: 0;
      overflow-y: auto;
      contain: strict;
    }
    .spacer {
      position: relative;
    }
    .slice {
      will-change: transform;
    }
  `,
})
export class BoardTable {
  readonly rows = input.required<readonly BoardRow[]>();
  readonly selected = input<string | null>(null);
  readonly me = input<string | null>(null);
  readonly sortKey = input.required<SortKey>();
  readonly sortDir = input.required<SortDir>();
  readonly pick = output<string>();
  readonly sort = output<SortKey>();

  protected readonly t = inject(I18n).t;
  private readonly clock = inject(Clock);
  protected readonly columns = COLUMNS;
  protected readonly rowHeight = ROW_HEIGHT;
  protected readonly modeKey = {
    listen: 'supervisor.mode.listen',
    assist: 'supervisor.mode.assist',
    barge: 'supervisor.mode.barge',
  } as const satisfies Record<string, MessageKey>;

  private readonly scroller = viewChild.required<ElementRef<HTMLElement>>('scroller');
  private readonly scrollTop = signal(0);
  private readonly viewport = signal(600);
  private readonly window = computed(() =>
    windowOf(this.rows().length, this.scrollTop(), this.viewport(), ROW_HEIGHT),
  );
  // Separate number signals: scrolling within the same window changes nothing downstream.
  protected readonly start = computed(() => this.window().start);
  private readonly end = computed(() => this.window().end);
  protected readonly slice = computed(() => this.rows().slice(this.start(), this.end()));

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      const element = this.scroller().nativeElement;
      this.viewport.set(element.clientHeight);
      // Every browser the panel runs in has it; jsdom (unit tests) does not.
      if (typeof ResizeObserver === 'undefined') return;
      const observer = new ResizeObserver(() => this.viewport.set(element.clientHeight));
      observer.observe(element);
      destroyRef.onDestroy(() => observer.disconnect());
    });
  }

  protected onScroll(): void {
    this.scrollTop.set(this.scroller().nativeElement.scrollTop);
  }

  protected since(iso: string | null): string {
    return iso ? formatDuration(secondsSince(iso, this.clock.now())) : '—';
  }

  protected tone(row: BoardRow): string {
    return ACTIVITY_VIEW[row.activity].tone;
  }

  protected activityKey(row: BoardRow): MessageKey {
    return ACTIVITY_VIEW[row.activity].key;
  }

  protected who(supervisorId: string): string {
    return supervisorId === this.me() ? this.t('supervisor.you') : supervisorId;
  }
}
