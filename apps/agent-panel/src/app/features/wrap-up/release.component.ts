import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  output,
  signal,
  type OnInit,
} from '@angular/core';
import type { CategoryDto } from '@puente/contracts';
import { toPanelError } from '../../api/api-error';
import { Commands } from '../../api/commands.service';
import { Lookups } from '../../api/lookups.service';
import { I18n } from '../../core/i18n/i18n.service';
import { Notifier } from '../../core/notifier.service';
import { PanelPrefs } from '../../prefs/panel-prefs.service';
import { AgentStore } from '../../state/agent.store';
import { MatchListState } from '../call/match-list.state';
import { MatchPicker } from '../call/match-picker.component';
import { DateTimePicker } from './date-time-picker.component';
import { releaseRules, toIsoWithOffset, wrapUpCall } from './wrap-up.util';

/**
 * C5 (LIBERAR): pick Category and Subcategory from the dialer's CRM and
 * release, or just release when allowContactRelease allows it. A category
 * that schedules a callback asks for the date and time (B8).
 */
@Component({
  selector: 'pu-release',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DateTimePicker, MatchPicker],
  template: `
    <form class="pu-view pu-sheet" (submit)="categorize($event)" novalidate>
      <h2 class="pu-view-title" id="release-title">{{ t('release.title') }}</h2>
      @if (!contactId()) {
        <p class="pu-empty">{{ t('release.noContact') }}</p>
      } @else if (rules().categorize) {
        <!-- The fields scroll above the buttons, never under them (issue 16 §1). -->
        <div class="pu-sheet-body">
          @if (matches.current(); as view) {
            <pu-match-picker [crm]="view" [docked]="true" />
          }
          @if (loading()) {
            <p class="pu-hint">{{ t('common.loading') }}</p>
          } @else {
            <div class="pu-field">
              <label class="pu-label" for="release-category">
                {{ t('release.category') }}{{ rules().categoryRequired ? ' *' : '' }}
              </label>
              <select
                id="release-category"
                class="pu-select"
                (change)="chooseCategory($event)"
                data-testid="release-category"
                [attr.aria-required]="rules().categoryRequired"
              >
                <option value="" [selected]="!categoryId()">{{ t('release.chooseCategory') }}</option>
                @for (c of categories(); track c.id) {
                  <option [value]="c.id" [selected]="categoryId() === c.id">
                    {{ c.name }}{{ c.schedules ? ' · ' + t('release.schedulesTag') : '' }}
                  </option>
                }
              </select>
            </div>
            @if (category()?.subcategories?.length) {
              <div class="pu-field">
                <label class="pu-label" for="release-subcategory">{{ t('release.subcategory') }}</label>
                <select
                  id="release-subcategory"
                  class="pu-select"
                  (change)="subcategoryId.set(text($event))"
                  data-testid="release-subcategory"
                >
                  <option value="" [selected]="!subcategoryId()">{{ t('release.chooseSubcategory') }}</option>
                  @for (s of category()?.subcategories; track s.id) {
                    <option [value]="s.id" [selected]="subcategoryId() === s.id">{{ s.name }}</option>
                  }
                </select>
              </div>
            }
            @if (category()?.schedules) {
              <p class="pu-hint">{{ t('release.schedulesHint') }}</p>
              <pu-date-time-picker [label]="t('schedule.when')" [(value)]="at" [min]="now" />
            }
            <div class="pu-field">
              <label class="pu-label" for="release-note">{{ t('release.note') }}</label>
              <textarea
                id="release-note"
                class="pu-textarea"
                maxlength="4000"
                [value]="note()"
                (input)="note.set(text($event))"
              ></textarea>
            </div>
          }
        </div>
        <div class="pu-row pu-sheet-actions">
          <button
            type="submit"
            class="pu-btn pu-btn--primary"
            [disabled]="!canCategorize() || notifier.pending('release')"
            data-testid="categorize-button"
          >
            {{ category()?.schedules ? t('release.scheduleAndRelease') : t('release.categorize') }}
          </button>
          @if (rules().releaseWithout) {
            <button
              type="button"
              class="pu-btn"
              (click)="release()"
              [disabled]="notifier.pending('release')"
              data-testid="release-without"
            >
              {{ t('release.without') }}
            </button>
          }
        </div>
      } @else if (rules().releaseWithout) {
        @if (matches.current(); as view) {
          <pu-match-picker [crm]="view" [docked]="true" />
        }
        <p class="pu-hint">{{ t('release.confirm') }}</p>
        <button
          type="button"
          class="pu-btn pu-btn--primary pu-btn--block"
          (click)="release()"
          [disabled]="notifier.pending('release')"
          data-testid="release-without"
        >
          {{ t('release.submit') }}
        </button>
      } @else {
        <p class="pu-notice" data-kind="warning">{{ t('release.notAllowed') }}</p>
      }
      @if (autoRelease() !== null) {
        <p class="pu-hint countdown tabular">
          {{ t('wrapUp.autoRelease', { seconds: autoRelease() ?? 0 }) }}
        </p>
      }
    </form>
  `,
  styles: `
    .countdown {
      font-weight: 700;
      color: var(--pu-warning-text);
    }
  `,
})
export class Release implements OnInit {
  private readonly store = inject(AgentStore);
  private readonly prefs = inject(PanelPrefs);
  private readonly lookups = inject(Lookups);
  private readonly commands = inject(Commands);
  protected readonly notifier = inject(Notifier);
  protected readonly t = inject(I18n).t;
  readonly done = output<void>();
  /** The record is picked here too: the Task's WhoId comes from it (issue 16 §2.3). */
  protected readonly matches = inject(MatchListState);

  protected readonly now = new Date();
  protected readonly rules = computed(() => releaseRules(this.prefs.config()));
  protected readonly contactId = computed(() => this.store.contact()?.contactId ?? null);
  protected readonly autoRelease = this.store.autoReleaseIn;
  protected readonly categories = signal<readonly CategoryDto[]>([]);
  protected readonly loading = signal(false);
  protected readonly categoryId = signal('');
  protected readonly subcategoryId = signal('');
  protected readonly note = signal('');
  protected readonly at = signal<Date | null>(null);
  protected readonly category = computed(
    () => this.categories().find((c) => c.id === this.categoryId()) ?? null,
  );
  protected readonly canCategorize = computed(() => {
    const category = this.category();
    if (!category) return false;
    return !category.schedules || (!!this.at() && (this.at() as Date).getTime() > Date.now());
  });

  async ngOnInit(): Promise<void> {
    if (!this.rules().categorize) return;
    const crmId = await this.crmId();
    if (!crmId) return;
    this.loading.set(true);
    try {
      this.categories.set(await this.lookups.categories(crmId));
    } catch (error) {
      this.notifier.error(toPanelError(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected text(event: Event): string {
    return (event.target as HTMLSelectElement | HTMLTextAreaElement).value;
  }

  protected chooseCategory(event: Event): void {
    this.categoryId.set(this.text(event));
    this.subcategoryId.set('');
  }

  protected async categorize(event: Event): Promise<void> {
    event.preventDefault();
    const contactId = this.contactId();
    const category = this.category();
    if (!contactId || !category || !this.canCategorize()) return;
    const note = this.note().trim();
    const at = this.at();
    // An agenda category goes to the dialer as the category, with the time the agent picked (B8, C5).
    const done = await this.notifier.run<unknown>('release', () =>
      this.commands.categorize(contactId, {
        ...wrapUpCall(this.store.call()),
        categoryId: category.id,
        ...(this.subcategoryId() ? { subcategoryId: this.subcategoryId() } : {}),
        ...(note ? { note } : {}),
        ...(category.schedules && at ? { at: toIsoWithOffset(at) } : {}),
      }),
    );
    if (done) this.done.emit();
  }

  protected async release(): Promise<void> {
    const contactId = this.contactId();
    if (!contactId) return;
    // The note typed before choosing to release without a category is the agent's too: it goes with the call.
    const note = this.note().trim();
    const done = await this.notifier.run('release', () =>
      this.commands.release(contactId, { ...wrapUpCall(this.store.call()), ...(note ? { note } : {}) }),
    );
    if (done) this.done.emit();
  }

  /** The contact's CRM, else the CRM of the campaign the agent is in. */
  private async crmId(): Promise<string | null> {
    const fromContact = this.store.contact()?.crmId;
    if (fromContact) return fromContact;
    const campaignId = this.store.campaign()?.id;
    if (!campaignId) return null;
    const campaigns = await this.lookups.campaigns().catch(() => []);
    return campaigns.find((c) => c.id === campaignId)?.crmId ?? null;
  }
}
