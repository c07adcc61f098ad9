import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import type { CallState } from '@puente/contracts';
import { Commands } from '../../api/commands.service';
import { I18n } from '../../core/i18n/i18n.service';
import { Notifier } from '../../core/notifier.service';
import { PanelPrefs } from '../../prefs/panel-prefs.service';
import { AgentStore } from '../../state/agent.store';
import { Icon } from '../../ui/icon.component';

/**
 * The dialer's tasks on a connected call (issue 16 §3), behind one "More"
 * button so the call's row of controls keeps its size at 620 × 420: pause /
 * resume the recording (ExecuteTask02/03), ask a supervisor for help (05, or
 * withdraw it), and a text message to the customer (01) when the Call
 * Center's allowTextMessage is on. What each shows (paused, help asked)
 * comes from the agent's state, i.e. what the gateway and the dialer did.
 */
@Component({
  selector: 'pu-call-tasks',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  template: `
    @if (connected()) {
      <div class="wrap">
        <button
          type="button"
          class="pu-btn"
          [attr.aria-expanded]="open()"
          (click)="open.set(!open())"
          data-testid="tasks-button"
        >
          <pu-icon name="more" [size]="16" />{{ t('tasks.more') }}
          @if (recordingPaused() || helpAsked()) {
            <span class="dot" aria-hidden="true"></span>
          }
        </button>
        @if (open()) {
          <div class="menu" role="menu" data-testid="tasks-menu">
            @if (call().recordingUrl) {
              <button
                type="button"
                role="menuitem"
                (click)="recording()"
                [disabled]="notifier.pending('task.recording')"
                data-testid="task-recording"
              >
                {{ recordingPaused() ? t('tasks.resumeRecording') : t('tasks.pauseRecording') }}
              </button>
            }
            <button
              type="button"
              role="menuitem"
              (click)="help()"
              [disabled]="notifier.pending('task.help')"
              data-testid="task-help"
            >
              {{ helpAsked() ? t('tasks.withdrawHelp') : t('tasks.askHelp') }}
            </button>
            @if (textMessages()) {
              <button
                type="button"
                role="menuitem"
                (click)="composing.set(!composing())"
                data-testid="task-message"
              >
                {{ t('tasks.message') }}
              </button>
              @if (composing()) {
                <form class="compose" (submit)="send($event)">
                  <label class="pu-field">
                    <span class="pu-label">{{ t('tasks.channel') }}</span>
                    <select
                      class="pu-select"
                      #channel
                      data-testid="message-channel"
                      (change)="channelValue.set(channel.value)"
                    >
                      <option value="sms">SMS</option>
                      <option value="whatsapp">WhatsApp</option>
                    </select>
                  </label>
                  <label class="pu-field">
                    <span class="pu-label">{{ t('tasks.text') }}</span>
                    <textarea
                      class="pu-input"
                      rows="2"
                      maxlength="2000"
                      #text
                      [value]="draft()"
                      (input)="draft.set(text.value)"
                      data-testid="message-text"
                    ></textarea>
                  </label>
                  <button
                    type="submit"
                    class="pu-btn pu-btn--primary"
                    [disabled]="!draft().trim() || notifier.pending('task.message')"
                    data-testid="message-send"
                  >
                    {{ t('tasks.send') }}
                  </button>
                </form>
              }
            }
          </div>
        }
      </div>
      @if (recordingPaused()) {
        <span class="flag" role="status" data-testid="recording-paused">{{
          t('tasks.recordingPaused')
        }}</span>
      }
      @if (helpAsked()) {
        <span class="flag" role="status" data-testid="help-asked">{{ t('tasks.helpAsked') }}</span>
      }
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    .wrap {
      position: relative;
      display: flex;
      flex: 1 1 0;
      min-width: 0;
    }
    .wrap > .pu-btn {
      flex: 1 1 auto;
    }
    .dot {
      width: 0.45rem;
      height: 0.45rem;
      border-radius: 50%;
      background: var(--pu-danger);
    }
    .menu {
      position: absolute;
      bottom: calc(100% + 0.25rem);
      left: 0;
      z-index: 10;
      display: flex;
      flex-direction: column;
      min-width: 14rem;
      padding: 0.25rem;
      background: var(--pu-surface);
      border: 1px solid var(--pu-border-strong);
      border-radius: 0.375rem;
      box-shadow: 0 4px 16px rgb(0 0 0 / 15%);
    }
    .menu > button {
      padding: 0.4rem 0.6rem;
      font: inherit;
      text-align: left;
      background: none;
      border: 0;
      cursor: pointer;
    }
    .menu > button:hover {
      background: var(--pu-surface-muted);
    }
    .compose {
      display: flex;
      flex-direction: column;
      gap: 0.35rem;
      padding: 0.35rem 0.6rem;
    }
    .flag {
      font-size: 0.75rem;
      font-weight: 600;
      color: var(--pu-danger);
    }
  `,
})
export class CallTasks {
  readonly call = input.required<CallState>();

  protected readonly t = inject(I18n).t;
  protected readonly notifier = inject(Notifier);
  private readonly commands = inject(Commands);
  private readonly store = inject(AgentStore);
  private readonly prefs = inject(PanelPrefs);

  protected readonly open = signal(false);
  protected readonly composing = signal(false);
  protected readonly channelValue = signal('sms');
  protected readonly draft = signal(this.t('tasks.defaultText'));

  protected readonly connected = computed(() => {
    const call = this.call();
    return call.answeredAt !== null && call.status !== 'ended';
  });
  protected readonly recordingPaused = computed(() => this.call().recordingPaused === true);
  protected readonly helpAsked = computed(() => !!this.store.state().help);
  protected readonly textMessages = computed(() => this.prefs.config()?.allowTextMessage === true);

  protected recording(): void {
    const task = this.recordingPaused() ? '03' : '02';
    void this.notifier.run('task.recording', () => this.commands.task(task, { callId: this.call().callId }));
  }

  protected help(): void {
    void this.notifier.run<unknown>('task.help', () =>
      this.helpAsked()
        ? this.commands.withdrawHelp()
        : this.commands.task('05', {
            callId: this.call().callId,
            params: { reason: this.t('tasks.helpReason') },
          }),
    );
  }

  protected async send(event: Event): Promise<void> {
    event.preventDefault();
    const sent = await this.notifier.run('task.message', () =>
      this.commands.task('01', {
        callId: this.call().callId,
        params: { channel: this.channelValue(), text: this.draft().trim() },
      }),
    );
    if (!sent) return;
    this.notifier.info('tasks.sent', { number: sent.result['number'] ?? '' });
    this.composing.set(false);
  }
}
