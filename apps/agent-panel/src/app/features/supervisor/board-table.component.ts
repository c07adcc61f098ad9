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
import { BOARD_TABLE_STYLES, ROW_HEIGHT } from './board-table.styles';
import { type SortDir, type SortKey, windowOf } from './board.util';

/**
 * The columns, narrowest first: the board's width (a container query, so
 * the softphone's 340 or 620 px and a console tab's full page each get
 * their own) decides which show. Hidden ones are display:none, header and
 * cells alike, so nothing overlaps and nothing scrolls sideways.
 */
const COLUMNS: readonly { key: SortKey; label: MessageKey }[] = [
  { key: 'agent', label: 'supervisor.col.agent' },
  { key: 'state', label: 'supervisor.col.state' },
  { key: 'time', label: 'supervisor.col.time' },
  { key: 'campaign', label: 'supervisor.col.campaign' },
  { key: 'queue', label: 'supervisor.col.queue' },
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
            [class]="'cell c-' + col.key"
            [attr.aria-sort]="
              sortKey() === col.key ? (sortDir() === 'asc' ? 'ascending' : 'descending') : 'none'
            "
          >
            <button
              type="button"
              class="sort"
              [title]="t('supervisor.sortBy', { column: t(col.label) })"
              [attr.aria-label]="t('supervisor.sortBy', { column: t(col.label) })"
              (click)="sort.emit(col.key)"
              [attr.data-testid]="'sort-' + col.key"
            >
              <span class="label">{{ t(col.label) }}</span>
              @if (sortKey() === col.key) {
                <span aria-hidden="true" class="arrow">{{ sortDir() === 'asc' ? '▲' : '▼' }}</span>
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
                [class.alt]="(start() + i) % 2 === 1"
                (click)="pick.emit(row.agentId)"
                (keydown.enter)="pick.emit(row.agentId)"
                (keydown.space)="pick.emit(row.agentId); $event.preventDefault()"
                [attr.data-testid]="'board-row-' + row.user"
              >
                <div role="gridcell" class="cell c-agent" [title]="row.displayName + ' (' + row.user + ')'">
                  <span class="name">{{ row.displayName || row.user }}</span>
                  @if (row.displayName && row.displayName !== row.user) {
                    <span class="muted user">{{ row.user }}</span>
                  }
                  @if (row.help; as help) {
                    <span class="badge" data-tone="ringing" [title]="help.reason" data-testid="row-help">{{
                      t('supervisor.badge.help')
                    }}</span>
                  }
                  @if (row.role === 'supervisor') {
                    <span
                      class="badge"
                      data-tone="idle"
                      [title]="t('supervisor.badge.supervisor')"
                      data-testid="row-role"
                      >{{ t('supervisor.badge.supervisor') }}</span
                    >
                  }
                </div>
                <div role="gridcell" class="cell c-state">
                  <span class="pu-pill chip" [attr.data-tone]="tone(row)" data-testid="row-state">{{
                    row.activity === 'paused' && row.breakState ? row.breakState.name : t(activityKey(row))
                  }}</span>
                </div>
                <div role="gridcell" class="cell c-time tabular" data-testid="row-time">
                  {{ since(row.stateSince) }}
                  @if (row.source === 'dialer') {
                    <span class="muted" [title]="t('supervisor.source.dialer')">*</span>
                  }
                </div>
                <div role="gridcell" class="cell c-campaign" [title]="row.campaign?.name ?? ''">
                  <span class="text">{{ row.campaign?.name ?? '—' }}</span>
                </div>
                <div role="gridcell" class="cell c-queue" [title]="queueNames(row)">
                  <span class="text">{{ queueNames(row) || '—' }}</span>
                </div>
                <div
                  role="gridcell"
                  class="cell c-call"
                  data-testid="row-call"
                  [title]="row.call?.party ?? ''"
                >
                  @if (row.call; as call) {
                    <pu-icon [name]="call.direction === 'inbound' ? 'inbound' : 'outbound'" [size]="14" />
                    <span class="party">{{ call.party }}</span>
                    <span class="tabular muted">{{ since(call.answeredAt ?? call.startedAt) }}</span>
                  } @else {
                    <span class="muted">{{ t('supervisor.call.none') }}</span>
                  }
                </div>
                <div role="gridcell" class="cell c-monitor" data-testid="row-monitor">
                  @if (row.monitoredBy; as m) {
                    <span
                      class="pu-pill chip"
                      data-tone="hold"
                      [title]="
                        t('supervisor.monitoredBy', { mode: t(modeKey[m.mode]), who: who(m.supervisorId) })
                      "
                    >
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
  styles: BOARD_TABLE_STYLES,
})
export class BoardTable {
  readonly rows = input.required<readonly BoardRow[]>();
  /** Queue names by id (from the figures), for the full-page board's queue column. */
  readonly queues = input<readonly { id: string; name: string }[]>([]);
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

  private readonly queueName = computed(() => new Map(this.queues().map((q) => [q.id, q.name])));

  protected queueNames(row: BoardRow): string {
    const names = this.queueName();
    return row.queues.map((id) => names.get(id) ?? id).join(', ');
  }

  protected who(supervisorId: string): string {
    return supervisorId === this.me() ? this.t('supervisor.you') : supervisorId;
  }
}
