import { ChangeDetectionStrategy, Component, computed, inject, output, signal } from '@angular/core';
import { Commands } from '../../api/commands.service';
import { I18n } from '../../core/i18n/i18n.service';
import { Notifier } from '../../core/notifier.service';
import { AgentStore } from '../../state/agent.store';
import { MatchListState } from '../call/match-list.state';
import { MatchPicker } from '../call/match-picker.component';
import { DateTimePicker } from './date-time-picker.component';
import { toIsoWithOffset, wrapUpCall } from './wrap-up.util';

/** B8 (AGENDAR): a callback at a date and time picked in a calendar; the dialer dials it then. */
@Component({
  selector: 'pu-schedule',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DateTimePicker, MatchPicker],
  template: `
    <form class="pu-view pu-sheet" (submit)="submit($event)" novalidate>
      <h2 class="pu-view-title">{{ t('schedule.title') }}</h2>
      @if (!contactId()) {
        <p class="pu-empty">{{ t('release.noContact') }}</p>
      } @else {
        <div class="pu-sheet-body">
          @if (matches.current(); as view) {
            <pu-match-picker [crm]="view" [docked]="true" />
          }
          <pu-date-time-picker [label]="t('schedule.when')" [(value)]="at" [min]="now" />
          <div class="pu-field">
            <label class="pu-label" for="schedule-number">{{ t('schedule.number') }}</label>
            <input
              id="schedule-number"
              class="pu-input tabular"
              inputmode="tel"
              autocomplete="off"
              [value]="number()"
              (input)="number.set(text($event))"
              data-testid="schedule-number"
            />
          </div>
          <label class="pu-check">
            <input type="checkbox" [checked]="personal()" (change)="personal.set(checked($event))" />
            {{ t('schedule.personal') }}
          </label>
          <div class="pu-field">
            <label class="pu-label" for="schedule-note">{{ t('schedule.note') }}</label>
            <textarea
              id="schedule-note"
              class="pu-textarea"
              maxlength="4000"
              [value]="note()"
              (input)="note.set(text($event))"
            ></textarea>
          </div>
        </div>
        <button
          type="submit"
          class="pu-btn pu-btn--primary pu-btn--block"
          [disabled]="!valid() || notifier.pending('schedule')"
          data-testid="schedule-submit"
        >
          {{ t('schedule.submit') }}
        </button>
      }
    </form>
  `,
})
export class Schedule {
  private readonly store = inject(AgentStore);
  private readonly commands = inject(Commands);
  protected readonly notifier = inject(Notifier);
  protected readonly t = inject(I18n).t;
  readonly done = output<void>();
  /** The record is picked here too: the callback's Task links to it (issue 16 §2.3). */
  protected readonly matches = inject(MatchListState);

  protected readonly now = new Date();
  protected readonly contactId = computed(() => this.store.contact()?.contactId ?? null);
  protected readonly at = signal<Date | null>(null);
  protected readonly number = signal(this.store.contact()?.phoneNumber ?? '');
  protected readonly personal = signal(true);
  protected readonly note = signal('');
  protected readonly valid = computed(() => {
    const at = this.at();
    return !!at && at.getTime() > Date.now();
  });

  protected text(event: Event): string {
    return (event.target as HTMLInputElement | HTMLTextAreaElement).value;
  }
  protected checked(event: Event): boolean {
    return (event.target as HTMLInputElement).checked;
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    const contactId = this.contactId();
    const at = this.at();
    if (!contactId || !at || !this.valid()) return;
    const number = this.number().trim();
    const note = this.note().trim();
    const contactNumber = this.store.contact()?.phoneNumber;
    const done = await this.notifier.run('schedule', () =>
      this.commands.schedule(contactId, {
        ...wrapUpCall(this.store.call()),
        at: toIsoWithOffset(at),
        personal: this.personal(),
        ...(number && number !== contactNumber ? { number } : {}),
        ...(note ? { note } : {}),
      }),
    );
    if (done) {
      this.notifier.info('schedule.done');
      this.done.emit();
    }
  }
}
