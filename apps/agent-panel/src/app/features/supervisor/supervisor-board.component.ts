import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { type AgentActivity, AgentActivitySchema, type ScopeFigures } from '@puente/contracts';
import { I18n } from '../../core/i18n/i18n.service';
import type { MessageKey } from '../../core/i18n/messages.en';
import { SessionService } from '../../session/session.service';
import { ACTIVITY_VIEW } from '../../state/agent-view.util';
import { Notices } from '../../ui/notices.component';
import { BoardTable } from './board-table.component';
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
 * the agent picked. Its BoardStore lives and dies with the view, so the
 * `/supervisors` connection is open only while the board is shown.
 */
@Component({
  selector: 'pu-supervisor-board',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BoardTable, FiguresStrip, MonitorBar, Notices],
  providers: [BoardStore],
  template: `
    <header class="top">
      <h2>{{ t('supervisor.title') }}</h2>
      <span class="link" [attr.data-status]="store.status()" role="status" data-testid="board-link">
        {{ t(linkText[store.status()]) }}
      </span>
      <span class="count" data-testid="board-count">
        {{ t('supervisor.count', { shown: shown().length, total: store.rows().length }) }}
      </span>
    </header>
    @if (store.status() === 'forbidden') {
      <p class="pu-notice" data-kind="error" role="alert" data-testid="board-forbidden">
        {{ t('supervisor.link.forbidden') }}
      </p>
    } @else {
      <pu-figures-strip [figures]="store.figures()" [active]="activeCard()" (choose)="narrowTo($event)" />
      <div class="filters">
        <label class="pu-field">
          <span class="pu-label">{{ t('supervisor.filter.campaign') }}</span>
          <select class="pu-select" (change)="setFilter('campaignId', $event)" data-testid="filter-campaign">
            <option value="" [selected]="!filter().campaignId">{{ t('supervisor.filter.all') }}</option>
            @for (o of options().campaigns; track o.id) {
              <option [value]="o.id" [selected]="filter().campaignId === o.id">{{ o.name }}</option>
            }
          </select>
        </label>
        <label class="pu-field">
          <span class="pu-label">{{ t('supervisor.filter.queue') }}</span>
          <select class="pu-select" (change)="setFilter('queueId', $event)" data-testid="filter-queue">
            <option value="" [selected]="!filter().queueId">{{ t('supervisor.filter.all') }}</option>
            @for (o of options().queues; track o.id) {
              <option [value]="o.id" [selected]="filter().queueId === o.id">{{ o.name }}</option>
            }
          </select>
        </label>
        <label class="pu-field">
          <span class="pu-label">{{ t('supervisor.filter.state') }}</span>
          <select class="pu-select" (change)="setFilter('activity', $event)" data-testid="filter-state">
            <option value="" [selected]="!filter().activity">{{ t('supervisor.filter.all') }}</option>
            @for (a of activities; track a) {
              <option [value]="a" [selected]="filter().activity === a">{{ t(activityView[a].key) }}</option>
            }
          </select>
        </label>
        <label class="pu-field">
          <span class="pu-label">{{ t('supervisor.filter.role') }}</span>
          <select class="pu-select" (change)="setFilter('role', $event)" data-testid="filter-role">
            <option value="" [selected]="!filter().role">{{ t('supervisor.filter.all') }}</option>
            <option value="agent" [selected]="filter().role === 'agent'">
              {{ t('supervisor.filter.role.agent') }}
            </option>
            <option value="supervisor" [selected]="filter().role === 'supervisor'">
              {{ t('supervisor.filter.role.supervisor') }}
            </option>
          </select>
        </label>
        @if (filtered()) {
          <button
            type="button"
            class="pu-btn pu-btn--ghost"
            (click)="filter.set(noFilter)"
            data-testid="filter-clear"
          >
            {{ t('supervisor.filter.clear') }}
          </button>
        }
      </div>
      @if (store.loaded() && shown().length === 0) {
        <p class="pu-empty" data-testid="board-empty">{{ t('supervisor.empty') }}</p>
      }
      <pu-board-table
        [rows]="shown()"
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
    }
    .top {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      padding: 0.4rem 0.75rem;
      border-bottom: 1px solid var(--pu-border);
    }
    h2 {
      margin: 0;
      font-size: 1rem;
    }
    .link {
      font-size: 0.75rem;
      color: var(--pu-warning-text);
    }
    .link[data-status='live'] {
      color: var(--pu-success);
      font-weight: 700;
    }
    .count {
      margin-left: auto;
      font-size: 0.75rem;
      color: var(--pu-text-muted);
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 0.5rem;
      padding: 0.4rem 0.75rem;
    }
    .filters .pu-field {
      width: 11rem;
    }
    .pu-empty,
    .pu-notice {
      margin: 0.5rem 0.75rem;
    }
    .floating {
      position: absolute;
      right: 0.75rem;
      bottom: 3.75rem;
      z-index: 5;
      width: min(24rem, calc(100% - 1.5rem));
    }
  `,
})
export class SupervisorBoard {
  protected readonly store = inject(BoardStore);
  protected readonly t = inject(I18n).t;
  protected readonly me = inject(SessionService).agent;
  protected readonly linkText = LINK_TEXT;
  protected readonly activities = AgentActivitySchema.options;
  protected readonly activityView = ACTIVITY_VIEW;
  protected readonly noFilter = NO_FILTER;

  protected readonly filter = signal<BoardFilter>(NO_FILTER);
  protected readonly sortKey = signal<SortKey>('state');
  protected readonly sortDir = signal<SortDir>('asc');
  protected readonly selectedId = signal<string | null>(null);

  /** Recomputed on a delta, a filter or a sort; never on the clock's tick (sorting uses start stamps). */
  protected readonly shown = computed(() =>
    visibleRows(this.store.rows(), this.filter(), this.sortKey(), this.sortDir()),
  );
  protected readonly options = computed(() => filterOptions(this.store.rows(), this.store.figures()));
  protected readonly selected = computed(
    () => this.store.rows().find((r) => r.agentId === this.selectedId()) ?? null,
  );
  protected readonly filtered = computed(() => {
    const f = this.filter();
    return !!(f.campaignId || f.queueId || f.activity || f.role);
  });
  protected readonly activeCard = computed(() => {
    const f = this.filter();
    if (f.campaignId && !f.queueId) return `campaign:${f.campaignId}`;
    if (f.queueId && !f.campaignId) return `queue:${f.queueId}`;
    return null;
  });

  constructor() {
    this.store.connect();
  }

  protected setFilter(key: keyof BoardFilter, event: Event): void {
    const value = (event.target as HTMLSelectElement).value || null;
    this.filter.update((f) => ({
      ...f,
      [key]: key === 'activity' ? (value as AgentActivity | null) : value,
    }));
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
