import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  type OnInit,
} from '@angular/core';
import type { CallerCard, CrmView } from '@puente/contracts';
import { I18n } from '../../core/i18n/i18n.service';
import { Notifier } from '../../core/notifier.service';
import { RecordPicker } from '../../cti/record-picker.service';
import { Icon } from '../../ui/icon.component';
import { MatchListState } from './match-list.state';

/**
 * Several Salesforce records match the caller (issue 16 §2.3, STARFACE's
 * pick list): each with its name, object type and the Call Center's display
 * fields. The list opens by itself for a call whose record is not chosen
 * yet, over the panel below the call area (which is too small to hold it, and
 * whose controls must stay usable), and scrolls in its own region; picking one opens it and makes it the call's record.
 * Once a wrap-up sheet opens, the list moves to the sheet's top (a `docked`
 * picker there) and never lies over the sheet's Categorise and Release
 * (issue 16 §1); the toggle in the call area then opens it there.
 */
@Component({
  selector: 'pu-match-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  template: `
    @if (!docked()) {
      <button
        type="button"
        class="toggle"
        [attr.aria-expanded]="open()"
        aria-controls="pu-match-list"
        (click)="toggle()"
        data-testid="match-toggle"
      >
        {{ linkedId() ? t('crm.pick.change', { count: count() }) : t('crm.pick.toggle', { count: count() }) }}
      </button>
    }
    @if (shown()) {
      <section
        id="pu-match-list"
        class="sheet"
        [class.docked]="docked()"
        [attr.role]="docked() ? 'region' : 'dialog'"
        tabindex="-1"
        aria-labelledby="pu-match-title"
        (keydown.escape)="close()"
        data-testid="match-list"
      >
        <header class="head">
          <div>
            <h2 id="pu-match-title">{{ t('crm.pick.title') }}</h2>
            @if (crm().searchBy; as by) {
              <p class="hint" data-testid="match-found-by">
                {{ t('crm.pick.foundBy', { count: count(), by, data: crm().searchData ?? '' }) }}
              </p>
            }
            <p class="hint">{{ t('crm.pick.hint') }}</p>
          </div>
          <button
            type="button"
            class="pu-btn pu-btn--ghost pu-btn--icon"
            [attr.aria-label]="t('crm.pick.close')"
            [title]="t('crm.pick.close')"
            (click)="close()"
            data-testid="match-close"
          >
            <pu-icon name="close" [size]="16" />
          </button>
        </header>
        <ul class="items">
          @for (record of candidates(); track record.recordId) {
            <li>
              <button
                type="button"
                class="item"
                [class.current]="record.recordId === linkedId()"
                [attr.aria-current]="record.recordId === linkedId() ? 'true' : null"
                [disabled]="notifier.pending('crm.link')"
                (click)="pick(record)"
                data-testid="match-item"
              >
                <span class="line">
                  <span class="name pu-record-name">{{ record.name }}</span>
                  <span class="object pu-tag">{{ record.objectType }}</span>
                  @if (record.recordId === linkedId()) {
                    <span class="linked pu-tag pu-tag--linked">{{ t('crm.pick.linked') }}</span>
                  }
                </span>
                @if (record.fields.length > 0) {
                  <span class="fields">
                    @for (field of record.fields; track $index) {
                      <span class="field"
                        ><span class="label">{{ field.label }}:</span> {{ field.value }}</span
                      >
                    }
                  </span>
                }
              </button>
            </li>
          }
        </ul>
      </section>
    }
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .toggle {
      max-width: 100%;
      padding: 0;
      overflow: hidden;
      font: inherit;
      font-size: 0.75rem;
      font-weight: 600;
      line-height: 1.2;
      color: var(--pu-primary);
      text-align: left;
      text-decoration: underline;
      text-overflow: ellipsis;
      white-space: nowrap;
      cursor: pointer;
      background: none;
      border: 0;
    }
    /*
     * Fixed: the call area clips what overflows it, and the list must not push the controls away.
     * It starts below the call area (--pu-call-area-bottom, set by CallArea), so the call and its
     * Hold and Hang up stay in sight, and ends above the tabs (--pu-tabs-height), which stay usable;
     * the list scrolls in what is left.
     */
    .sheet {
      position: fixed;
      inset: calc(var(--pu-call-area-bottom, 0px) + 0.25rem) 0.5rem calc(var(--pu-tabs-height, 0px) + 0.5rem);
      min-height: 7rem;
      z-index: 40;
      display: flex;
      flex-direction: column;
      max-width: 40rem;
      margin: 0 auto;
      background: var(--pu-surface);
      border: 1px solid var(--pu-border-strong);
      border-radius: var(--pu-radius-lg);
      box-shadow: var(--pu-shadow-lg);
    }
    @media (min-width: 560px) {
      .sheet:not(.docked) {
        inset: calc(var(--pu-call-area-top, 0px) + 0.25rem) 0.5rem calc(var(--pu-tabs-height, 0px) + 0.5rem)
          calc(var(--pu-call-area-right, 0px) + 0.5rem);
      }
    }
    /* In a wrap-up sheet: part of the form, a few rows high, the rest of the sheet below it. */
    .sheet.docked {
      position: static;
      max-height: min(11rem, 40vh);
      min-height: 0;
      margin: 0;
      box-shadow: none;
      border-color: var(--pu-primary);
    }
    .head {
      display: flex;
      align-items: flex-start;
      justify-content: space-between;
      gap: 0.5rem;
      padding: 0.5rem 0.5rem 0.375rem 0.75rem;
      border-bottom: 1px solid var(--pu-border);
    }
    h2 {
      margin: 0;
      font-size: 0.9375rem;
    }
    .hint {
      margin: 0.125rem 0 0;
      font-size: 0.75rem;
      color: var(--pu-text-muted);
    }
    /* A short softphone (620 × 420) keeps its rows for records: the second hint goes. */
    @media (max-height: 480px) {
      .hint + .hint {
        display: none;
      }
    }
    /* In a sheet the fields below need the rows too. */
    .docked .hint + .hint {
      display: none;
    }
    .items {
      flex: 1;
      min-height: 0;
      margin: 0;
      padding: 0.25rem;
      overflow-y: auto;
      list-style: none;
    }
    .item {
      display: flex;
      flex-direction: column;
      gap: 0.125rem;
      width: 100%;
      padding: 0.375rem 0.5rem;
      font: inherit;
      color: var(--pu-text);
      text-align: left;
      cursor: pointer;
      background: none;
      border: 1px solid transparent;
      border-radius: var(--pu-radius);
    }
    .item:hover:not(:disabled) {
      background: var(--pu-surface-muted);
    }
    .item.current {
      background: var(--pu-primary-surface);
      border-color: var(--pu-primary);
    }
    .line {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.125rem 0.375rem;
      min-width: 0;
    }
    /* Which record is which is the point of the list: the whole name, on two lines if need be. */
    .line .name {
      white-space: normal;
      overflow-wrap: anywhere;
    }
    .fields {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.75rem;
      font-size: 0.75rem;
    }
    .label {
      color: var(--pu-text-muted);
    }
  `,
})
export class MatchPicker implements OnInit {
  readonly crm = input.required<CrmView>();
  protected readonly t = inject(I18n).t;
  protected readonly notifier = inject(Notifier);
  private readonly picker = inject(RecordPicker);
  private readonly lists = inject(MatchListState);
  /** In a wrap-up sheet (no toggle, not an overlay) rather than in the call area. */
  readonly docked = input(false);

  protected readonly candidates = computed(() => this.crm().candidates ?? []);
  protected readonly count = computed(() => Math.max(this.crm().matches, this.candidates().length));
  protected readonly linkedId = computed(() => this.crm().linked?.recordId ?? null);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly open = computed(() => this.lists.isOpen(this.crm()));
  /** The call area's list keeps away while a sheet holds it. */
  protected readonly shown = computed(() => this.open() && (this.docked() || !this.lists.docked()));

  constructor() {
    // Opened from the call area while a sheet holds it: bring it into the sheet's view (it is the
    // sheet's first item; scrollIntoView would also scroll the clipped app root).
    const host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    effect(() => {
      if (this.docked() && this.shown())
        setTimeout(() => host.closest('.pu-sheet-body')?.scrollTo?.({ top: 0 }));
    });
  }

  ngOnInit(): void {
    if (this.docked()) this.destroyRef.onDestroy(this.lists.dock());
  }

  protected toggle(): void {
    this.lists.set(this.crm().callId, !this.open());
  }

  protected close(): void {
    this.lists.set(this.crm().callId, false);
  }

  protected async pick(record: CallerCard): Promise<void> {
    if (await this.picker.pick(this.crm().callId, record)) this.close();
  }
}
