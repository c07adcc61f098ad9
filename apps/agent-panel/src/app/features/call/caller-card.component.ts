import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { CrmView } from '@puente/contracts';
import { I18n } from '../../core/i18n/i18n.service';
import { Notifier } from '../../core/notifier.service';
import { PopExecutor } from '../../cti/pop-executor.service';
import { Icon } from '../../ui/icon.component';
import { MatchPicker } from './match-picker.component';

/**
 * Who is calling (C10, C14): the Salesforce record's name with the sync
 * button beside it (C4), and the fields chosen for display, before answering.
 */
@Component({
  selector: 'pu-caller-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon, MatchPicker],
  template: `
    <div class="name-row">
      <span class="title">
        <span class="name pu-record-name" data-testid="caller-name">{{ name() }}</span>
        @if (crm()?.linked ?? crm()?.caller; as record) {
          <span class="object pu-tag">{{ record.objectType }}</span>
        }
      </span>
      @if (crm()) {
        <button
          type="button"
          class="pu-btn pu-btn--ghost pu-btn--icon sync"
          [class.attention]="pop.awaitingLink()"
          [attr.aria-label]="t('crm.sync.button')"
          [title]="t('crm.sync.button')"
          [disabled]="notifier.pending('crm.sync')"
          (click)="pop.sync()"
          data-testid="sync-button"
        >
          <pu-icon name="sync" [size]="16" />
        </button>
      }
    </div>
    @if (pop.awaitingLink()) {
      <p class="unlinked" data-testid="unlinked">{{ t('crm.sync.unlinked') }}</p>
    } @else if (summary(); as text) {
      <p class="summary">{{ text }}</p>
    }
    @if (picking(); as view) {
      <pu-match-picker [crm]="view" />
    }
    @if (fields().length > 0) {
      <dl class="fields" data-testid="caller-fields">
        @for (field of fields(); track $index) {
          <div>
            <dt>{{ field.label }}</dt>
            <dd>{{ field.value }}</dd>
          </div>
        }
      </dl>
    }
  `,
  styles: `
    /* As tall as the call area lets it be: the fields take what the name and summary leave. */
    :host {
      display: flex;
      flex-direction: column;
      gap: 0.125rem;
      min-width: 0;
      min-height: 0;
    }
    .name-row,
    .summary,
    .unlinked,
    pu-match-picker {
      flex: none;
    }
    /* The name and its type wrap as they must; the sync button stays at the row's end, beside them. */
    .name-row {
      display: flex;
      align-items: flex-start;
      gap: 0.375rem;
      min-width: 0;
    }
    .title {
      display: flex;
      flex: 1 1 auto;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.125rem 0.375rem;
      min-width: 0;
    }
    /* The caller's name whole, on two lines if it must (issue 16 §1). */
    .name {
      font-size: 1rem;
      white-space: normal;
      overflow-wrap: anywhere;
    }
    .sync {
      --pu-control-h: 1.75rem;
      flex: none;
      color: var(--pu-primary);
    }
    .sync.attention {
      color: var(--pu-warning-text);
      background: var(--pu-warning-surface);
    }
    .summary,
    .unlinked {
      margin: 0;
      font-size: 0.75rem;
      color: var(--pu-text-muted);
    }
    .unlinked {
      color: var(--pu-warning-text);
      font-weight: 600;
    }
    /* Narrow with a wrap-up sheet open, the name says who: the fields give the sheet their room. */
    @media (max-width: 559px) {
      :host(.brief) .fields {
        display: none;
      }
    }
    /*
     * Field after field on one line while they fit (340 px: "Account: Acme  Owner: …"), then
     * wrapping. They use the call area's free height (issue 16 §1: a wrapped account name hid
     * the Owner under it) and scroll, with a scrollbar, only when there is none left.
     */
    .fields {
      display: flex;
      flex: 0 1 auto;
      flex-wrap: wrap;
      align-content: flex-start;
      gap: 0 0.75rem;
      min-height: 1rem;
      margin: 0.25rem 0 0;
      overflow-y: auto;
      /*
       * A shadow at the edge that has more to scroll to (the scrollbar may be an overlay one); the
       * shadows stop a pixel short of the edge, so the covers hide them whole when nothing scrolls.
       */
      background:
        linear-gradient(var(--pu-surface), var(--pu-surface)) center top / 100% 0.5rem no-repeat local,
        linear-gradient(var(--pu-surface), var(--pu-surface)) center bottom / 100% 0.5rem no-repeat local,
        radial-gradient(farthest-side at 50% 0, rgb(0 0 0 / 0.22), transparent) center top 1px / 100% 0.375rem
          no-repeat scroll,
        radial-gradient(farthest-side at 50% 100%, rgb(0 0 0 / 0.22), transparent) center bottom 1px / 100%
          0.375rem no-repeat scroll;
    }
    /* One line is 1rem, the region's least height: the narrow call area never shows half a line. */
    .fields div {
      line-height: 1rem;
      display: flex;
      gap: 0.25rem;
      min-width: 0;
      font-size: 0.75rem;
    }
    dt {
      flex: none;
      color: var(--pu-text-muted);
    }
    dt::after {
      content: ':';
    }
    /* A value shows whole (issue 16 §1: no "Owner: Carolina Nú…"), on a second line if it must. */
    dd {
      min-width: 0;
      margin: 0;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    /*
     * Narrow, the fixed call area spares one line for the fields (no margin above): they scroll in
     * it; where not even that is left beside the name (an attended transfer's taller controls),
     * they give way rather than show half a line.
     */
    @media (max-width: 559px) {
      .fields {
        flex: none;
        height: 1rem;
        margin-top: 0;
      }
    }
    @container pu-who (height < 2.875rem) {
      .fields {
        display: none;
      }
    }
  `,
})
export class CallerCard {
  readonly crm = input<CrmView | null>(null);
  readonly party = input('');
  protected readonly t = inject(I18n).t;
  protected readonly pop = inject(PopExecutor);
  protected readonly notifier = inject(Notifier);

  protected readonly name = computed(() => {
    const crm = this.crm();
    return crm?.linked?.name ?? crm?.caller?.name ?? (this.party() || this.t('call.unknownCaller'));
  });
  protected readonly fields = computed(() => this.crm()?.caller?.fields ?? []);
  /** Several matches listed by the gateway: the pick list (issue 16 §2.3) says how many. */
  protected readonly picking = computed(() => {
    const crm = this.crm();
    return crm && (crm.candidates?.length ?? 0) > 1 ? crm : null;
  });
  protected readonly summary = computed(() => {
    const crm = this.crm();
    if (!crm || crm.caller || crm.linked || this.picking()) return null;
    if (crm.matches > 1) return this.t('crm.matches', { count: crm.matches });
    if (crm.decision.type === 'new_record') return this.t('crm.newRecord');
    return this.t('crm.noMatch');
  });
}
