import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { type AgentActivity, AgentActivitySchema } from '@puente/contracts';
import { I18n } from '../../core/i18n/i18n.service';
import type { MessageKey } from '../../core/i18n/messages.en';
import { ACTIVITY_VIEW } from '../../state/agent-view.util';
import { type BoardFilter, NO_FILTER, type Option } from './board.util';

/**
 * The board's filters in one compact row (two at 340 px): each select says
 * what it filters in its first option ("Campaign: all"), so no label row
 * costs a line of agents; the labels stay for screen readers.
 */
@Component({
  selector: 'pu-board-filters',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="filters" role="group" [attr.aria-label]="t('supervisor.filter.label')">
      <label>
        <span class="visually-hidden">{{ t('supervisor.filter.campaign') }}</span>
        <select (change)="set('campaignId', $event)" data-testid="filter-campaign">
          <option value="" [selected]="!filter().campaignId">{{ all('supervisor.filter.campaign') }}</option>
          @for (o of options().campaigns; track o.id) {
            <option [value]="o.id" [selected]="filter().campaignId === o.id">{{ o.name }}</option>
          }
        </select>
      </label>
      <label>
        <span class="visually-hidden">{{ t('supervisor.filter.queue') }}</span>
        <select (change)="set('queueId', $event)" data-testid="filter-queue">
          <option value="" [selected]="!filter().queueId">{{ all('supervisor.filter.queue') }}</option>
          @for (o of options().queues; track o.id) {
            <option [value]="o.id" [selected]="filter().queueId === o.id">{{ o.name }}</option>
          }
        </select>
      </label>
      <label>
        <span class="visually-hidden">{{ t('supervisor.filter.state') }}</span>
        <select (change)="set('activity', $event)" data-testid="filter-state">
          <option value="" [selected]="!filter().activity">{{ all('supervisor.filter.state') }}</option>
          @for (a of activities; track a) {
            <option [value]="a" [selected]="filter().activity === a">{{ t(activityView[a].key) }}</option>
          }
        </select>
      </label>
      <label>
        <span class="visually-hidden">{{ t('supervisor.filter.role') }}</span>
        <select (change)="set('role', $event)" data-testid="filter-role">
          <option value="" [selected]="!filter().role">{{ all('supervisor.filter.role') }}</option>
          <option value="agent" [selected]="filter().role === 'agent'">
            {{ t('supervisor.filter.role.agent') }}
          </option>
          <option value="supervisor" [selected]="filter().role === 'supervisor'">
            {{ t('supervisor.filter.role.supervisor') }}
          </option>
        </select>
      </label>
      @if (filtered()) {
        <button type="button" class="clear" (click)="changed.emit(noFilter)" data-testid="filter-clear">
          {{ t('supervisor.filter.clear') }}
        </button>
      }
    </div>
  `,
  styles: `
    .filters {
      display: grid;
      grid-template-columns: repeat(4, minmax(0, 1fr)) auto;
      gap: 0.375rem;
      padding: 0.375rem 0.5rem;
      border-bottom: 1px solid var(--pu-border);
    }
    label {
      min-width: 0;
    }
    select {
      width: 100%;
      height: 1.75rem;
      padding: 0 0.25rem;
      font: inherit;
      font-size: 0.8125rem;
      color: var(--pu-text);
      background: var(--pu-surface);
      border: 1px solid var(--pu-border-strong);
      border-radius: 4px;
      text-overflow: ellipsis;
    }
    .clear {
      height: 1.75rem;
      padding: 0 0.5rem;
      font: inherit;
      font-size: 0.8125rem;
      color: var(--pu-primary);
      background: none;
      border: 0;
      cursor: pointer;
      white-space: nowrap;
    }
    @container board (max-width: 479px) {
      .filters {
        grid-template-columns: repeat(2, minmax(0, 1fr));
      }
      .clear {
        grid-column: 1 / -1;
        justify-self: end;
      }
    }
    @container board (min-width: 880px) {
      .filters {
        grid-template-columns: repeat(4, minmax(0, 12rem)) auto;
      }
    }
  `,
})
export class BoardFilters {
  readonly filter = input.required<BoardFilter>();
  readonly options = input.required<{ campaigns: Option[]; queues: Option[] }>();
  readonly changed = output<BoardFilter>();

  protected readonly t = inject(I18n).t;
  protected readonly activities = AgentActivitySchema.options;
  protected readonly activityView = ACTIVITY_VIEW;
  protected readonly noFilter = NO_FILTER;
  protected readonly filtered = computed(() => {
    const f = this.filter();
    return !!(f.campaignId || f.queueId || f.activity || f.role);
  });

  protected all(what: MessageKey): string {
    return this.t('supervisor.filter.allOf', { what: this.t(what) });
  }

  protected set(key: keyof BoardFilter, event: Event): void {
    const value = (event.target as HTMLSelectElement).value || null;
    this.changed.emit({
      ...this.filter(),
      [key]: key === 'activity' ? (value as AgentActivity | null) : value,
    });
  }
}
