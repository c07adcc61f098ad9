import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import type { Target, TransferMode } from '@puente/contracts';
import { toPanelError } from '../../api/api-error';
import { Commands } from '../../api/commands.service';
import { I18n } from '../../core/i18n/i18n.service';
import type { MessageKey } from '../../core/i18n/messages.en';
import { Notifier } from '../../core/notifier.service';
import { AgentStore } from '../../state/agent.store';
import { ACTIVITY_VIEW } from '../../state/agent-view.util';
import { Icon } from '../../ui/icon.component';
import { TargetOptions, type TargetOption } from './target-options';

type Kind = Target['kind'];
const KINDS: readonly { kind: Kind; key: MessageKey }[] = [
  { kind: 'number', key: 'transfer.kind.number' },
  { kind: 'user', key: 'transfer.kind.user' },
  { kind: 'queue', key: 'transfer.kind.queue' },
  { kind: 'campaign', key: 'transfer.kind.campaign' },
];

/**
 * B4: transfer to an external number (the campaign's list or typed), a user,
 * a queue or another campaign; direct (blind) or attended, and the end of an
 * attended transfer (back to the customer).
 */
@Component({
  selector: 'pu-transfer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  providers: [TargetOptions],
  template: `
    <form class="pu-view pu-sheet" (submit)="submit($event)" novalidate>
      <h2 class="pu-view-title">{{ t('transfer.title') }}</h2>
      @if (!call()) {
        <p class="pu-empty">{{ t('transfer.noCall') }}</p>
      } @else if (call()?.transfer; as transfer) {
        <p class="pu-notice" data-kind="warning">
          {{
            t(transfer.mode === 'attended' ? 'transfer.attendedInProgress' : 'transfer.inProgress', {
              target: transfer.target.label,
            })
          }}
        </p>
      } @else {
        <!-- The choices scroll above Transfer, never under it (issue 16 §1, 340 × 500). -->
        <div class="pu-sheet-body">
          <fieldset class="pu-fieldset">
            <legend class="pu-label">{{ t('transfer.to') }}</legend>
            <div class="pu-segmented">
              @for (k of kinds; track k.kind) {
                <label>
                  <input
                    type="radio"
                    name="transfer-kind"
                    [value]="k.kind"
                    [checked]="kind() === k.kind"
                    (change)="choose(k.kind)"
                  />
                  <span>{{ t(k.key) }}</span>
                </label>
              }
            </div>
          </fieldset>
          @if (kind() === 'number') {
            <div class="pu-field">
              <label class="pu-label" for="transfer-number">{{ t('transfer.number') }}</label>
              <input
                id="transfer-number"
                class="pu-input tabular"
                inputmode="tel"
                autocomplete="off"
                [value]="typed()"
                (input)="typeNumber($event)"
                data-testid="transfer-number"
              />
            </div>
          }
          @if (options.loading()) {
            <p class="pu-hint">{{ t('common.loading') }}</p>
          } @else if (options.list().length === 0) {
            <p class="pu-empty">
              {{ t(kind() === 'number' ? 'transfer.noNumbers' : 'common.nothingToShow') }}
            </p>
          } @else {
            <fieldset class="pu-fieldset">
              <legend class="visually-hidden">{{ t('transfer.pick') }}</legend>
              <ul class="pu-list options">
                @for (o of options.list(); track o.id) {
                  <li>
                    <label class="option">
                      <input
                        type="radio"
                        name="transfer-target"
                        [value]="o.id"
                        [checked]="selected() === o.id"
                        [disabled]="o.busy"
                        (change)="pick(o)"
                      />
                      <span class="pu-grow">{{ o.label }}</span>
                      @if (o.busy) {
                        <span class="pu-hint" data-testid="target-busy">{{ t('transfer.busy') }}</span>
                      }
                      @if (o.activity) {
                        <span class="pu-pill" [attr.data-tone]="activityView[o.activity].tone">{{
                          t(activityView[o.activity].key)
                        }}</span>
                      } @else if (o.detail) {
                        <span class="pu-hint tabular">{{ o.detail }}</span>
                      }
                    </label>
                  </li>
                }
              </ul>
            </fieldset>
          }
          <fieldset class="pu-fieldset">
            <legend class="pu-label">{{ t('transfer.mode') }}</legend>
            <div class="pu-segmented">
              <label>
                <input
                  type="radio"
                  name="transfer-mode"
                  value="direct"
                  [checked]="mode() === 'direct'"
                  (change)="mode.set('direct')"
                />
                <span>{{ t('transfer.mode.direct') }}</span>
              </label>
              <label>
                <input
                  type="radio"
                  name="transfer-mode"
                  value="attended"
                  [checked]="mode() === 'attended'"
                  (change)="mode.set('attended')"
                />
                <span>{{ t('transfer.mode.attended') }}</span>
              </label>
            </div>
          </fieldset>
          <p class="pu-hint">
            {{ t(mode() === 'direct' ? 'transfer.mode.directHint' : 'transfer.mode.attendedHint') }}
          </p>
          @if (emptyQueue(); as queue) {
            <div class="pu-notice" data-kind="warning" role="alert" data-testid="empty-queue">
              <p>{{ t('transfer.emptyQueue', { queue }) }}</p>
              <div class="pu-row">
                <button type="button" class="pu-btn pu-btn--primary" (click)="confirmEmptyQueue()">
                  {{ t('transfer.emptyQueueConfirm') }}
                </button>
                <button type="button" class="pu-btn" (click)="emptyQueue.set(null)">
                  {{ t('transfer.emptyQueueCancel') }}
                </button>
              </div>
            </div>
          }
        </div>
        <button
          type="submit"
          class="pu-btn pu-btn--primary pu-btn--block"
          [disabled]="!target() || notifier.pending('transfer') || emptyQueue() !== null"
          data-testid="transfer-button"
        >
          <pu-icon name="transfer" [size]="16" />{{ t('transfer.submit') }}
        </button>
      }
    </form>
  `,
  styles: `
    .options {
      max-height: 9.5rem;
      overflow-y: auto;
    }
    .options li {
      padding: 0;
    }
    .option {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      width: 100%;
      min-height: 2.5rem;
      padding: 0.25rem 0.625rem;
      cursor: pointer;
    }
    .option input {
      margin: 0;
      accent-color: var(--pu-primary);
    }
  `,
})
export class Transfer {
  protected readonly store = inject(AgentStore);
  protected readonly notifier = inject(Notifier);
  protected readonly options = inject(TargetOptions);
  private readonly commands = inject(Commands);
  protected readonly t = inject(I18n).t;
  protected readonly kinds = KINDS;
  protected readonly activityView = ACTIVITY_VIEW;

  protected readonly call = this.store.liveCall;
  protected readonly kind = signal<Kind>('number');
  protected readonly mode = signal<TransferMode>('direct');
  protected readonly typed = signal('');
  protected readonly selected = signal<string | null>(null);
  /** The queue the dialer has nobody logged in to, while the agent is asked to confirm. */
  protected readonly emptyQueue = signal<string | null>(null);
  protected readonly target = computed<Target | null>(() => {
    if (this.kind() === 'number') {
      const number = this.typed().trim();
      return number ? { kind: 'number', id: number } : null;
    }
    const id = this.selected();
    return id ? { kind: this.kind(), id } : null;
  });

  /** The campaign whose transfer numbers are offered: the call's, else the one the agent is in. */
  private readonly campaignId = computed(() => this.call()?.campaignId ?? this.store.campaign()?.id ?? null);

  constructor() {
    effect(() => {
      const kind = this.kind();
      const campaignId = this.campaignId();
      untracked(() => void this.options.load(kind, campaignId));
    });
  }

  protected choose(kind: Kind): void {
    this.emptyQueue.set(null);
    this.kind.set(kind);
    this.selected.set(null);
  }

  protected pick(option: TargetOption): void {
    this.selected.set(option.id);
    if (this.kind() === 'number') this.typed.set(option.id);
  }

  protected typeNumber(event: Event): void {
    this.typed.set((event.target as HTMLInputElement).value);
    this.selected.set(null);
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    const call = this.call();
    const target = this.target();
    if (!call || !target) return;
    await this.send(call.callId, target, false);
  }

  /** The agent read that nobody is logged in to the queue and transfers anyway. */
  protected async confirmEmptyQueue(): Promise<void> {
    const call = this.call();
    const target = this.target();
    this.emptyQueue.set(null);
    if (call && target) await this.send(call.callId, target, true);
  }

  private async send(callId: string, target: Target, confirmEmptyQueue: boolean): Promise<void> {
    const done = await this.notifier.run('transfer', async () => {
      try {
        return await this.commands.transfer(callId, {
          target,
          mode: this.mode(),
          ...(confirmEmptyQueue ? { confirmEmptyQueue } : {}),
        });
      } catch (error) {
        // Not a failure to report but a question to ask, in place, next to the button (issue 16 §2.10).
        const refusal = toPanelError(error);
        if (refusal.code !== 'QUEUE_EMPTY_CONFIRM') throw refusal;
        const option = this.options.list().find((o) => o.id === target.id);
        this.emptyQueue.set(option?.label ?? target.id);
        return undefined;
      }
    });
    if (done) this.selected.set(null);
  }
}
