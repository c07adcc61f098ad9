import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import type { InviteRequest } from '@puente/contracts';
import { Commands } from '../../api/commands.service';
import { I18n } from '../../core/i18n/i18n.service';
import { Notifier } from '../../core/notifier.service';
import { AgentStore } from '../../state/agent.store';
import { ACTIVITY_VIEW } from '../../state/agent-view.util';
import { Icon } from '../../ui/icon.component';
import { TargetOptions } from '../transfer/target-options';

type InviteKind = InviteRequest['target']['kind'];

/** B5: start a conference, invite numbers and users one at a time, as many as wanted, end it (KickAll). */
@Component({
  selector: 'pu-conference',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  providers: [TargetOptions],
  template: `
    <form class="pu-view pu-sheet" (submit)="invite($event)" novalidate>
      <h2 class="pu-view-title">{{ t('conference.title') }}</h2>
      @if (!call()) {
        <p class="pu-empty">{{ t('conference.noCall') }}</p>
      } @else if (!call()?.conference) {
        <p class="pu-hint">{{ t('conference.startHint') }}</p>
        <button
          type="button"
          class="pu-btn pu-btn--primary pu-btn--block"
          (click)="start()"
          [disabled]="notifier.pending('conference.start')"
          data-testid="conference-start"
        >
          <pu-icon name="conference" [size]="16" />{{ t('conference.start') }}
        </button>
      } @else {
        <!-- The participants and the invitation scroll above Invite and End, never under them (issue 16 §1). -->
        <div class="pu-sheet-body">
          <section [attr.aria-label]="t('conference.participants')">
            <h3 class="pu-label">{{ t('conference.participants') }} ({{ participants().length }})</h3>
            @if (participants().length === 0) {
              <p class="pu-empty">{{ t('conference.nobody') }}</p>
            } @else {
              <ul class="pu-list" data-testid="participants">
                @for (p of participants(); track p.id) {
                  <li>
                    <pu-icon [name]="p.kind === 'user' ? 'user' : 'phone'" [size]="16" />
                    <span class="pu-grow">{{ p.label }}</span>
                    <span class="pu-hint tabular">{{ p.address }}</span>
                  </li>
                }
              </ul>
            }
          </section>
          <fieldset class="pu-fieldset">
            <legend class="pu-label">{{ t('conference.invite') }}</legend>
            <div class="pu-segmented">
              <label>
                <input
                  type="radio"
                  name="invite-kind"
                  value="number"
                  [checked]="kind() === 'number'"
                  (change)="kind.set('number')"
                />
                <span>{{ t('transfer.kind.number') }}</span>
              </label>
              <label>
                <input
                  type="radio"
                  name="invite-kind"
                  value="user"
                  [checked]="kind() === 'user'"
                  (change)="kind.set('user')"
                />
                <span>{{ t('transfer.kind.user') }}</span>
              </label>
            </div>
          </fieldset>
          @if (kind() === 'number') {
            <div class="pu-field">
              <label class="pu-label" for="invite-number">{{ t('transfer.number') }}</label>
              <input
                id="invite-number"
                class="pu-input tabular"
                inputmode="tel"
                autocomplete="off"
                [value]="number()"
                (input)="number.set(value($event))"
                data-testid="invite-number"
              />
            </div>
          } @else {
            <div class="pu-field">
              <label class="pu-label" for="invite-user">{{ t('conference.user') }}</label>
              <select
                id="invite-user"
                class="pu-select"
                (change)="user.set(value($event))"
                [disabled]="options.loading()"
              >
                <option value="" [selected]="!user()">
                  {{ options.loading() ? t('common.loading') : t('conference.chooseUser') }}
                </option>
                @for (o of options.list(); track o.id) {
                  <option [value]="o.id" [selected]="user() === o.id" [disabled]="o.busy">
                    {{ o.label }}{{ o.activity ? ' · ' + t(activityView[o.activity].key) : '' }}
                  </option>
                }
              </select>
            </div>
          }
        </div>
        <div class="pu-row pu-sheet-actions">
          <button
            type="submit"
            class="pu-btn pu-btn--primary"
            [disabled]="!target() || notifier.pending('conference.invite')"
            data-testid="invite-button"
          >
            {{ t('conference.inviteButton') }}
          </button>
          <button
            type="button"
            class="pu-btn pu-btn--danger"
            (click)="end()"
            [disabled]="notifier.pending('conference.end')"
            data-testid="conference-end"
          >
            {{ t('conference.end') }}
          </button>
        </div>
      }
    </form>
  `,
})
export class Conference {
  protected readonly store = inject(AgentStore);
  protected readonly notifier = inject(Notifier);
  protected readonly options = inject(TargetOptions);
  private readonly commands = inject(Commands);
  protected readonly t = inject(I18n).t;
  protected readonly activityView = ACTIVITY_VIEW;

  protected readonly call = this.store.liveCall;
  protected readonly participants = computed(() => this.call()?.conference?.participants ?? []);
  protected readonly kind = signal<InviteKind>('number');
  protected readonly number = signal('');
  protected readonly user = signal('');
  protected readonly target = computed<InviteRequest['target'] | null>(() => {
    const id = this.kind() === 'number' ? this.number().trim() : this.user();
    return id ? { kind: this.kind(), id } : null;
  });

  constructor() {
    effect(() => {
      if (this.kind() === 'user') untracked(() => void this.options.load('user', null));
    });
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement | HTMLSelectElement).value;
  }

  protected start(): void {
    const call = this.call();
    if (call) void this.notifier.run('conference.start', () => this.commands.startConference(call.callId));
  }

  protected async invite(event: Event): Promise<void> {
    event.preventDefault();
    const call = this.call();
    const target = this.target();
    if (!call || !target) return;
    const done = await this.notifier.run('conference.invite', () =>
      this.commands.invite(call.callId, target),
    );
    if (done) {
      this.number.set('');
      this.user.set('');
    }
  }

  protected end(): void {
    const call = this.call();
    if (call) void this.notifier.run('conference.end', () => this.commands.endConference(call.callId));
  }
}
