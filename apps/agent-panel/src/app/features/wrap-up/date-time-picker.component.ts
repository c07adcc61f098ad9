import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  model,
  signal,
} from '@angular/core';
import { I18n } from '../../core/i18n/i18n.service';
import { Icon } from '../../ui/icon.component';
import { addDays, atTime, monthGrid, sameDay, timeOf } from './wrap-up.util';

const KEY_STEP: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };

/**
 * B8: a calendar and a time, keyboard-operable (arrows move by day and week,
 * Page Up/Down by month, Home/End to the week's ends), in the agent's
 * language; days before `min` cannot be picked.
 */
@Component({
  selector: 'pu-date-time-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  template: `
    <fieldset class="pu-fieldset picker">
      <legend class="pu-label">{{ label() }}</legend>
      <div class="head">
        <button
          type="button"
          class="pu-btn pu-btn--ghost pu-btn--icon"
          (click)="shiftMonth(-1)"
          [attr.aria-label]="t('picker.previousMonth')"
          [disabled]="!canGoBack()"
        >
          <pu-icon name="left" />
        </button>
        <span class="month" aria-live="polite">{{ monthLabel() }}</span>
        <button
          type="button"
          class="pu-btn pu-btn--ghost pu-btn--icon"
          (click)="shiftMonth(1)"
          [attr.aria-label]="t('picker.nextMonth')"
        >
          <pu-icon name="right" />
        </button>
      </div>
      <table class="grid">
        <thead>
          <tr>
            @for (w of weekdays(); track $index) {
              <th scope="col" [attr.abbr]="w.long">
                <span aria-hidden="true">{{ w.short }}</span>
              </th>
            }
          </tr>
        </thead>
        <tbody>
          @for (week of weeks(); track $index) {
            <tr>
              @for (day of week; track day.key) {
                <td>
                  <button
                    type="button"
                    class="day"
                    [class.outside]="!day.inMonth"
                    [class.today]="day.today"
                    [attr.data-date]="day.key"
                    [attr.aria-label]="day.label"
                    [attr.aria-pressed]="day.selected"
                    [attr.aria-current]="day.today ? 'date' : null"
                    [disabled]="day.disabled"
                    [tabindex]="day.focus ? 0 : -1"
                    (click)="pick(day.date)"
                    (keydown)="onKey($event)"
                  >
                    {{ day.date.getDate() }}
                  </button>
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
      <div class="time-row">
        <label class="pu-label" [for]="timeId">{{ t('picker.time') }}</label>
        <input
          [id]="timeId"
          class="pu-input time tabular"
          type="time"
          step="300"
          [value]="time()"
          (change)="setTime($event)"
          data-testid="picker-time"
        />
        <button type="button" class="pu-btn" (click)="quick(60)">{{ t('picker.inOneHour') }}</button>
        <button type="button" class="pu-btn" (click)="tomorrowMorning()">{{ t('picker.tomorrow') }}</button>
      </div>
      <p
        class="chosen"
        [attr.data-invalid]="!!value() && !inFuture()"
        aria-live="polite"
        data-testid="picker-summary"
      >
        {{ summary() }}
      </p>
    </fieldset>
  `,
  styles: `
    .picker {
      display: flex;
      flex-direction: column;
      gap: 0.375rem;
    }
    .head {
      display: flex;
      align-items: center;
      justify-content: space-between;
    }
    .month {
      font-size: 0.875rem;
      font-weight: 700;
      text-transform: capitalize;
    }
    .grid {
      width: 100%;
      border-collapse: collapse;
      table-layout: fixed;
    }
    th {
      padding: 0 0 0.125rem;
      font-size: 0.6875rem;
      font-weight: 600;
      color: var(--pu-text-muted);
      text-transform: uppercase;
    }
    td {
      padding: 1px;
      text-align: center;
    }
    .day {
      width: 100%;
      min-height: 1.875rem;
      padding: 0;
      font: inherit;
      font-size: 0.8125rem;
      color: var(--pu-text);
      background: transparent;
      border: 1px solid transparent;
      border-radius: var(--pu-radius);
      cursor: pointer;
    }
    .day:hover:not(:disabled) {
      background: var(--pu-surface-muted);
    }
    .day.outside {
      color: var(--pu-text-muted);
    }
    .day.today {
      border-color: var(--pu-border-strong);
      font-weight: 700;
    }
    .day[aria-pressed='true'] {
      color: var(--pu-on-primary);
      background: var(--pu-primary);
      border-color: var(--pu-primary);
    }
    .day:disabled {
      color: var(--pu-border-strong);
      text-decoration: line-through;
      cursor: not-allowed;
    }
    .time-row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.375rem;
    }
    /* "09:00 AM" and the clock button whole (en-US shows the day period). */
    .time {
      width: 7.75rem;
    }
    .time-row .pu-btn {
      --pu-control-h: 2rem;
      padding: 0 0.5rem;
      font-size: 0.75rem;
    }
    .chosen {
      margin: 0;
      min-height: 1.1rem;
      font-size: 0.8125rem;
      font-weight: 600;
      color: var(--pu-info-text);
    }
    .chosen[data-invalid='true'] {
      color: var(--pu-danger-text);
    }
  `,
})
export class DateTimePicker {
  private readonly i18n = inject(I18n);
  private readonly host = inject(ElementRef<HTMLElement>);
  private readonly injector = inject(Injector);
  protected readonly t = this.i18n.t;
  protected readonly timeId = `picker-time-${Math.random().toString(36).slice(2, 8)}`;

  readonly value = model<Date | null>(null);
  readonly min = input<Date>(new Date());
  readonly label = input('');

  private readonly today = computed(() => this.min());
  protected readonly focused = signal<Date>(this.value() ?? new Date());
  protected readonly month = signal<Date>(
    new Date(this.focused().getFullYear(), this.focused().getMonth(), 1),
  );
  protected readonly time = computed(() =>
    this.value() ? timeOf(this.value() as Date) : this.defaultTime(),
  );
  private readonly firstDay = computed<0 | 1>(() => (this.i18n.locale() === 'en' ? 0 : 1));

  protected readonly monthLabel = computed(() =>
    new Intl.DateTimeFormat(this.i18n.locale(), { month: 'long', year: 'numeric' }).format(this.month()),
  );
  protected readonly weekdays = computed(() => {
    const short = new Intl.DateTimeFormat(this.i18n.locale(), { weekday: 'narrow' });
    const long = new Intl.DateTimeFormat(this.i18n.locale(), { weekday: 'long' });
    return monthGrid(this.month(), this.firstDay())
      .slice(0, 7)
      .map((d) => ({ short: short.format(d), long: long.format(d) }));
  });
  protected readonly weeks = computed(() => {
    const label = new Intl.DateTimeFormat(this.i18n.locale(), { dateStyle: 'full' });
    const selected = this.value();
    const focused = this.focused();
    const month = this.month().getMonth();
    const days = monthGrid(this.month(), this.firstDay()).map((date) => ({
      date,
      key: `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`,
      label: label.format(date),
      inMonth: date.getMonth() === month,
      today: sameDay(date, this.today()),
      selected: !!selected && sameDay(date, selected),
      focus: sameDay(date, focused),
      disabled: addDays(date, 1) <= this.startOfDay(this.min()),
    }));
    return Array.from({ length: 6 }, (_, w) => days.slice(w * 7, w * 7 + 7));
  });
  protected readonly canGoBack = computed(() => {
    const min = this.min();
    return this.month() > new Date(min.getFullYear(), min.getMonth(), 1);
  });
  protected readonly inFuture = computed(() => {
    const v = this.value();
    return !!v && v.getTime() > this.min().getTime();
  });
  protected readonly summary = computed(() => {
    const v = this.value();
    if (!v) return this.t('picker.none');
    const text = new Intl.DateTimeFormat(this.i18n.locale(), {
      dateStyle: 'full',
      timeStyle: 'short',
    }).format(v);
    return this.inFuture() ? text : this.t('picker.past', { when: text });
  });

  protected pick(day: Date): void {
    this.focused.set(day);
    this.value.set(atTime(day, this.time()));
  }

  protected setTime(event: Event): void {
    const time = (event.target as HTMLInputElement).value;
    if (!time) return;
    this.value.set(atTime(this.value() ?? this.focused(), time));
  }

  protected quick(minutes: number): void {
    const at = new Date(this.min().getTime() + minutes * 60_000);
    at.setSeconds(0, 0);
    at.setMinutes(Math.ceil(at.getMinutes() / 5) * 5);
    this.show(at);
    this.value.set(at);
  }

  protected tomorrowMorning(): void {
    const at = atTime(addDays(this.min(), 1), '09:00');
    this.show(at);
    this.value.set(at);
  }

  protected shiftMonth(delta: number): void {
    const m = this.month();
    this.month.set(new Date(m.getFullYear(), m.getMonth() + delta, 1));
    const f = this.focused();
    this.focused.set(new Date(m.getFullYear(), m.getMonth() + delta, Math.min(f.getDate(), 28)));
  }

  protected onKey(event: KeyboardEvent): void {
    const f = this.focused();
    let next: Date | null = null;
    if (event.key in KEY_STEP) next = addDays(f, KEY_STEP[event.key]);
    else if (event.key === 'PageUp') next = new Date(f.getFullYear(), f.getMonth() - 1, f.getDate());
    else if (event.key === 'PageDown') next = new Date(f.getFullYear(), f.getMonth() + 1, f.getDate());
    else if (event.key === 'Home') next = addDays(f, -((f.getDay() - this.firstDay() + 7) % 7));
    else if (event.key === 'End') next = addDays(f, 6 - ((f.getDay() - this.firstDay() + 7) % 7));
    if (!next) return;
    event.preventDefault();
    if (next < this.startOfDay(this.min())) next = this.startOfDay(this.min());
    this.show(next);
    const key = `${next.getFullYear()}-${next.getMonth() + 1}-${next.getDate()}`;
    afterNextRender(
      () =>
        (this.host.nativeElement as HTMLElement)
          .querySelector<HTMLButtonElement>(`[data-date="${key}"]`)
          ?.focus(),
      { injector: this.injector },
    );
  }

  private show(date: Date): void {
    this.focused.set(date);
    this.month.set(new Date(date.getFullYear(), date.getMonth(), 1));
  }

  private startOfDay(date: Date): Date {
    return new Date(date.getFullYear(), date.getMonth(), date.getDate());
  }

  private defaultTime(): string {
    const next = new Date(this.min().getTime() + 60 * 60_000);
    return `${String(next.getHours()).padStart(2, '0')}:00`;
  }
}
