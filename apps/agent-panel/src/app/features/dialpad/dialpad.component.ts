import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { DTMF_DIGITS } from '@puente/contracts';
import { Commands } from '../../api/commands.service';
import { I18n } from '../../core/i18n/i18n.service';
import { Notifier } from '../../core/notifier.service';
import { PanelPrefs } from '../../prefs/panel-prefs.service';
import { AgentStore } from '../../state/agent.store';
import { Icon } from '../../ui/icon.component';

const KEYS: readonly { key: string; letters: string }[] = [
  { key: '1', letters: '' },
  { key: '2', letters: 'ABC' },
  { key: '3', letters: 'DEF' },
  { key: '4', letters: 'GHI' },
  { key: '5', letters: 'JKL' },
  { key: '6', letters: 'MNO' },
  { key: '7', letters: 'PQRS' },
  { key: '8', letters: 'TUV' },
  { key: '9', letters: 'WXYZ' },
  { key: '*', letters: '' },
  { key: '0', letters: '+' },
  { key: '#', letters: '' },
];

/**
 * B1, B2, B3: the keypad. Without a call it dials a number by hand (with a
 * note for the Task when useTaskDescriptionField is on); during a call it
 * sends DTMF digits, 0..n at a time, as often as needed.
 */
@Component({
  selector: 'pu-dialpad',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  template: `
    <form class="pu-view pu-sheet" (submit)="submit($event)" novalidate>
      <h2 class="pu-view-title">{{ dtmfMode() ? t('dtmf.title') : t('dial.title') }}</h2>
      <!-- The keys scroll above Send DTMF / Call, never under it (issue 16 §1, 340 × 500). -->
      <div class="pu-sheet-body">
        <div class="entry">
          <label class="visually-hidden" for="dialpad-input">{{
            dtmfMode() ? t('dtmf.digits') : t('dial.number')
          }}</label>
          <input
            id="dialpad-input"
            class="pu-input number tabular"
            inputmode="tel"
            autocomplete="off"
            [placeholder]="dtmfMode() ? t('dtmf.placeholder') : t('dial.placeholder')"
            [value]="entry()"
            (input)="entry.set(value($event))"
            [attr.aria-invalid]="invalid()"
            aria-describedby="dialpad-hint"
            data-testid="dialpad-input"
          />
          <button
            type="button"
            class="pu-btn pu-btn--ghost pu-btn--icon"
            [attr.aria-label]="t('dial.backspace')"
            (click)="backspace()"
            [disabled]="!entry()"
          >
            <pu-icon name="backspace" />
          </button>
        </div>
        <p class="pu-hint" id="dialpad-hint">
          @if (invalid()) {
            <span class="error">{{ t('dtmf.invalid') }}</span>
          } @else if (dtmfMode() && store.liveCall()?.dtmf; as sent) {
            {{ t('dtmf.sent', { digits: sent }) }}
          } @else {
            {{ dtmfMode() ? t('dtmf.hint') : t('dial.hint') }}
          }
        </p>
        @if (!dtmfMode() && !store.liveCall() && store.contact()?.phoneNumber; as phone) {
          <button type="button" class="pu-btn" (click)="entry.set(phone)" data-testid="use-contact-number">
            <pu-icon name="user" [size]="16" />{{ t('dial.useContact', { number: phone }) }}
          </button>
        }
        <div class="keys" role="group" [attr.aria-label]="t('dial.keypad')">
          @for (k of keys; track k.key) {
            <button type="button" class="key" (click)="press(k.key)" [attr.aria-label]="k.key">
              <span class="digit">{{ k.key }}</span>
              <span class="letters" aria-hidden="true">{{ k.letters }}</span>
            </button>
          }
        </div>
        @if (!dtmfMode() && prefs.config()?.useTaskDescriptionField) {
          <div class="pu-field">
            <label class="pu-label" for="dial-note">{{ t('dial.note') }}</label>
            <input
              id="dial-note"
              class="pu-input"
              [value]="note()"
              (input)="note.set(value($event))"
              maxlength="2000"
            />
          </div>
        }
      </div>
      @if (dtmfMode()) {
        <button
          type="submit"
          class="pu-btn pu-btn--primary pu-btn--block"
          [disabled]="!entry() || invalid() || notifier.pending('dtmf')"
          data-testid="dtmf-button"
        >
          <pu-icon name="hash" [size]="16" />{{ t('dtmf.send') }}
        </button>
      } @else {
        <button
          type="submit"
          class="pu-btn pu-btn--success pu-btn--block"
          [disabled]="!entry().trim() || notifier.pending('dial') || !!store.liveCall()"
          data-testid="dial-button"
        >
          <pu-icon name="phone" [size]="16" />{{ t('dial.call') }}
        </button>
      }
    </form>
  `,
  styles: `
    .entry {
      display: flex;
      gap: 0.25rem;
    }
    .number {
      font-size: 1.125rem;
      letter-spacing: 0.03em;
    }
    .pu-hint {
      margin: -0.25rem 0 0;
      min-height: 1rem;
    }
    .error {
      color: var(--pu-danger-text);
      font-weight: 600;
    }
    .keys {
      display: grid;
      grid-template-columns: repeat(3, 1fr);
      gap: 0.3rem;
    }
    .key {
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      min-height: 2.25rem;
      font: inherit;
      color: var(--pu-text);
      background: var(--pu-surface);
      border: 1px solid var(--pu-border);
      border-radius: var(--pu-radius);
      cursor: pointer;
    }
    .key:hover {
      background: var(--pu-surface-muted);
    }
    .digit {
      font-size: 1.0625rem;
      font-weight: 600;
      line-height: 1.1;
    }
    .letters {
      min-height: 0.7rem;
      font-size: 0.5625rem;
      letter-spacing: 0.08em;
      color: var(--pu-text-muted);
    }
    /* 340 × 500: the four rows of keys whole above Send DTMF, with no scrolling. */
    @media (max-width: 559px) {
      .key {
        min-height: 1.875rem;
      }
      .digit {
        line-height: 1.05;
      }
      .letters {
        min-height: 0.6rem;
        line-height: 1;
      }
    }
  `,
})
export class Dialpad {
  protected readonly store = inject(AgentStore);
  protected readonly prefs = inject(PanelPrefs);
  protected readonly notifier = inject(Notifier);
  private readonly commands = inject(Commands);
  protected readonly t = inject(I18n).t;
  protected readonly keys = KEYS;

  protected readonly entry = signal('');
  protected readonly note = signal('');
  /** DTMF once the call is connected; the number to dial otherwise. */
  protected readonly dtmfMode = computed(() => {
    const status = this.store.liveCall()?.status;
    return !!status && status !== 'dialing' && status !== 'ringing';
  });
  protected readonly invalid = computed(
    () => this.dtmfMode() && !!this.entry() && !DTMF_DIGITS.test(this.entry()),
  );

  protected value(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected press(key: string): void {
    this.entry.update((v) => v + key);
  }

  protected backspace(): void {
    this.entry.update((v) => v.slice(0, -1));
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    const call = this.store.liveCall();
    if (this.dtmfMode() && call) {
      const digits = this.entry().toUpperCase();
      if (!digits || !DTMF_DIGITS.test(digits)) return;
      const done = await this.notifier.run('dtmf', () => this.commands.dtmf(call.callId, digits));
      if (done) this.entry.set('');
      return;
    }
    const number = this.entry().trim();
    if (!number || call) return;
    const note = this.note().trim();
    const campaignId = this.store.campaign()?.id;
    const contactId = this.store.contact()?.contactId;
    const done = await this.notifier.run('dial', () =>
      this.commands.dial({
        number,
        ...(note ? { note } : {}),
        ...(campaignId ? { campaignId } : {}),
        ...(contactId && this.store.contact()?.phoneNumber === number ? { contactId } : {}),
      }),
    );
    if (done) {
      this.entry.set('');
      this.note.set('');
    }
  }
}
