import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import type { CrmSearchItem } from '@puente/contracts';
import { Commands } from '../../api/commands.service';
import { Lookups } from '../../api/lookups.service';
import { I18n } from '../../core/i18n/i18n.service';
import { Notifier } from '../../core/notifier.service';
import { OpenCti } from '../../cti/open-cti.service';
import { SCREENPOP_TYPE } from '../../cti/open-cti.types';
import { AgentStore } from '../../state/agent.store';

/** The gateway answers text with fewer than two letters or digits with nothing: say so without asking. */
const searchable = (text: string) => (text.match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= 2;

/**
 * Contact search (C10, issue 16 §3): Salesforce records by name, number or
 * e-mail. Each result opens in the console (Open CTI screenPop) or, while a
 * call is on screen, becomes that call's record (its Task's WhoId/WhatId) —
 * for the caller the pop did not find. It searches on submit, not on every
 * key, so an agent typing a name costs Salesforce one search; the results
 * scroll in their own region so the form stays in sight at 620 × 420.
 */
@Component({
  selector: 'pu-contact-search',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="search" role="search" (submit)="submit($event)" novalidate data-testid="contact-search">
      <label class="pu-label" for="contact-search-text">{{ t('search.title') }}</label>
      <div class="row">
        <input
          id="contact-search-text"
          class="pu-input"
          type="search"
          maxlength="100"
          autocomplete="off"
          [placeholder]="t('search.label')"
          [attr.aria-label]="t('search.label')"
          [value]="text()"
          (input)="text.set($any($event.target).value)"
          data-testid="contact-search-text"
        />
        <button
          type="submit"
          class="pu-btn pu-btn--primary"
          [disabled]="notifier.pending('crm.search')"
          data-testid="contact-search-submit"
        >
          {{ t('search.submit') }}
        </button>
      </div>
    </form>
    @if (message(); as m) {
      <p class="pu-hint" role="status" data-testid="contact-search-status">{{ m }}</p>
    }
    @if (results(); as r) {
      @if (r.items.length > 0) {
        <ul class="results" data-testid="contact-search-results">
          @for (item of r.items; track item.id) {
            <li class="item" data-testid="contact-search-item" [attr.data-record-id]="item.id">
              <span class="who">
                <span class="name pu-record-name" [title]="item.name">{{ item.name }}</span>
                <span class="object pu-tag">{{ item.objectType }}</span>
                @if (item.id === linkedId()) {
                  <span class="linked pu-tag pu-tag--linked" data-testid="contact-search-linked">{{
                    t('search.linked')
                  }}</span>
                }
              </span>
              <span class="actions">
                <button
                  type="button"
                  class="pu-btn"
                  [title]="t('search.openTitle', { name: item.name })"
                  (click)="open(item)"
                  data-testid="contact-search-open"
                >
                  {{ t('search.open') }}
                </button>
                @if (callId() && item.id !== linkedId()) {
                  <button
                    type="button"
                    class="pu-btn"
                    [title]="t('search.linkTitle', { name: item.name })"
                    [disabled]="notifier.pending('crm.link')"
                    (click)="link(item)"
                    data-testid="contact-search-link"
                  >
                    {{ t('search.link') }}
                  </button>
                }
              </span>
            </li>
          }
        </ul>
      }
    }
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 0.75rem;
    }
    .row {
      display: flex;
      gap: 0.375rem;
    }
    .row .pu-input {
      flex: 1;
      min-width: 0;
    }
    /* Its own scrolling region: a long answer never pushes the form out of a 420 px softphone. */
    .results {
      max-height: 9.5rem;
      margin: 0.375rem 0 0;
      padding: 0;
      overflow-y: auto;
      list-style: none;
      background: var(--pu-surface);
      border: 1px solid var(--pu-border);
      border-radius: var(--pu-radius);
    }
    .item {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
      padding: 0.25rem 0.5rem;
      border-top: 1px solid var(--pu-border);
    }
    .item:first-child {
      border-top: 0;
    }
    .who {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.125rem 0.375rem;
      min-width: 0;
    }
    /* Which record is which is the point of the list: the whole name, on two lines if need be (issue 16 §1). */
    .who .name {
      white-space: normal;
      overflow-wrap: anywhere;
    }
    .actions {
      display: flex;
      flex: none;
      gap: 0.25rem;
    }
  `,
})
export class ContactSearch {
  protected readonly t = inject(I18n).t;
  protected readonly notifier = inject(Notifier);
  private readonly lookups = inject(Lookups);
  private readonly commands = inject(Commands);
  private readonly cti = inject(OpenCti);
  private readonly store = inject(AgentStore);

  protected readonly text = signal('');
  /** The last answer, with the text it answers. */
  protected readonly results = signal<{ text: string; items: CrmSearchItem[] } | null>(null);
  private readonly tooShort = signal(false);

  /** The call on screen (live, or ended and in wrap-up): the one a result can be linked to. */
  protected readonly callId = computed(() => this.store.call()?.callId ?? null);
  protected readonly linkedId = computed(() => {
    const crm = this.store.crm();
    return crm && crm.callId === this.callId() ? (crm.linked?.recordId ?? null) : null;
  });

  protected readonly message = computed(() => {
    if (this.tooShort()) return this.t('search.tooShort');
    const r = this.results();
    if (!r) return null;
    return r.items.length === 0
      ? this.t('search.none', { text: r.text })
      : this.t('search.count', { count: r.items.length, text: r.text });
  });

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    const text = this.text().trim();
    this.tooShort.set(!searchable(text));
    if (!searchable(text)) {
      this.results.set(null);
      return;
    }
    // One search at a time (Notifier.run refuses a second while one runs), so no late answer overwrites a newer one.
    const items = await this.notifier.run('crm.search', () => this.lookups.searchCrm(text));
    if (items) this.results.set({ text, items });
  }

  protected open(item: CrmSearchItem): void {
    this.cti
      .screenPop({ type: SCREENPOP_TYPE.SOBJECT, params: { recordId: item.id } })
      .catch(() => this.notifier.info('crm.popFailed'));
  }

  protected async link(item: CrmSearchItem): Promise<void> {
    const callId = this.callId();
    if (!callId) return;
    const linked = await this.notifier.run('crm.link', () =>
      this.commands.linkCrmRecord(callId, { objectType: item.objectType, recordId: item.id }),
    );
    if (linked) this.notifier.info('search.linkedNotice', { name: linked.name });
  }
}
