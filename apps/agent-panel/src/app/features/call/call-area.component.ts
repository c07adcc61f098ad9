import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  input,
  output,
} from '@angular/core';
import { Commands } from '../../api/commands.service';
import { I18n } from '../../core/i18n/i18n.service';
import { Notifier } from '../../core/notifier.service';
import { AgentStore } from '../../state/agent.store';
import { PanelPrefs } from '../../prefs/panel-prefs.service';
import { DIALER_MODE, endCauseKey, partyLabel } from '../../state/agent-view.util';
import { Icon } from '../../ui/icon.component';
import { CallerCard } from './caller-card.component';
import { PreviewChoice } from './preview-choice.component';
import { CallTasks } from './call-tasks.component';
import { MuteButton } from './mute-button.component';

export type WrapUpSheet = 'release' | 'schedule';

/**
 * The call, always in the same place and the same size (no layout jump when
 * a call arrives): who, the controls for the moment (hold, hang up, end of
 * attended transfer), the wrap-up actions, or Play when there is no call.
 */
@Component({
  selector: 'pu-call-area',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon, CallerCard, MuteButton, CallTasks, PreviewChoice],
  template: `
    <section
      class="area"
      [class.sheet-open]="sheetOpen()"
      [attr.aria-label]="t('call.region')"
      data-testid="call-area"
    >
      <p class="visually-hidden" aria-live="assertive">{{ announcement() }}</p>
      @if (store.liveCall(); as call) {
        <div class="who">
          <span class="direction" [attr.data-direction]="call.direction" [title]="t(directionKey())">
            <pu-icon [name]="call.direction === 'inbound' ? 'inbound' : 'outbound'" [size]="16" />
          </span>
          <pu-caller-card class="card" [crm]="crm()" [party]="party()" />
        </div>
        <p class="meta">
          <span class="tabular">{{ party() }}</span>
          <span class="visually-hidden">&ngsp;· {{ t(directionKey()) }}</span>
          @if (call.dialerMode) {
            <span>&ngsp;· {{ t(dialerMode[call.dialerMode]) }}</span>
          }
          @if (store.campaign(); as campaign) {
            <span>&ngsp;· </span
            ><span data-testid="campaign-name">{{ campaign.id }} - {{ campaign.name }}</span>
          }
          @if (call.transfer; as transfer) {
            <span class="transfer"
              >&ngsp;· {{ t('call.transferTo', { target: transfer.target.label }) }}</span
            >
          }
        </p>
        <div class="controls pu-call-controls">
          @if (call.status === 'ringing' || call.status === 'dialing') {
            <span class="hint">{{
              t(call.status === 'ringing' ? 'call.answerOnPhone' : 'call.dialingHint')
            }}</span>
          } @else if (call.transfer?.mode === 'attended') {
            <button
              type="button"
              class="pu-btn pu-btn--primary"
              (click)="completeTransfer(call.callId)"
              [disabled]="notifier.pending('transfer.complete')"
            >
              <pu-icon name="transfer" [size]="16" />{{ t('transfer.complete') }}
            </button>
            <button
              type="button"
              class="pu-btn"
              (click)="endTransfer(call.callId)"
              [disabled]="notifier.pending('transfer.end')"
            >
              {{ t('transfer.end') }}
            </button>
          } @else {
            <button
              type="button"
              class="pu-btn"
              [attr.aria-pressed]="call.status === 'on_hold'"
              [attr.aria-disabled]="notifier.pending('hold') || null"
              (click)="toggleHold(call.callId, call.status === 'on_hold')"
              data-testid="hold-button"
            >
              <pu-icon [name]="call.status === 'on_hold' ? 'play' : 'hold'" [size]="16" />
              {{ call.status === 'on_hold' ? t('call.resume') : t('call.hold') }}
            </button>
          }
          <pu-mute-button [call]="call" />
          <pu-call-tasks [call]="call" />
          <button
            type="button"
            class="pu-btn pu-btn--danger"
            [disabled]="notifier.pending('hangup')"
            (click)="hangup(call.callId)"
            data-testid="hangup-button"
          >
            <pu-icon name="hangup" [size]="16" />{{ t('call.hangup') }}
          </button>
        </div>
      } @else if (preview(); as contact) {
        <!-- Preview (B7): the contact is shown before any call; the agent calls it or skips it. -->
        <div class="who">
          <span class="direction" data-direction="outbound"><pu-icon name="phone" [size]="16" /></span>
          <pu-caller-card class="card" [crm]="crm()" [party]="party()" />
        </div>
        <pu-preview-choice [contact]="contact" />
      } @else if (store.wrapUp()) {
        <div class="who">
          <span class="direction" data-direction="ended"><pu-icon name="check" [size]="16" /></span>
          <pu-caller-card class="card" [class.brief]="sheetOpen()" [crm]="crm()" [party]="party()" />
        </div>
        <p class="meta">
          {{ endedText() }}
          @if (store.autoReleaseIn() !== null) {
            <span class="countdown tabular" data-testid="auto-release">
              · {{ t('wrapUp.autoRelease', { seconds: store.autoReleaseIn() ?? 0 }) }}
            </span>
          }
        </p>
        <div class="controls pu-call-controls">
          <button
            type="button"
            class="pu-btn pu-btn--primary"
            (click)="openSheet.emit('release')"
            data-testid="release-button"
          >
            <pu-icon name="check" [size]="16" />{{ t('wrapUp.release') }}
          </button>
          <button
            type="button"
            class="pu-btn pu-btn--wide"
            (click)="openSheet.emit('schedule')"
            data-testid="schedule-button"
          >
            <pu-icon name="calendar" [size]="16" />{{ t('wrapUp.schedule') }}
          </button>
        </div>
      } @else {
        <div class="idle">
          <p class="idle-title">{{ idleTitle() }}</p>
          <p class="idle-hint">{{ idleHint() }}</p>
          @if (store.campaign(); as campaign) {
            <p class="idle-campaign">
              <pu-icon name="campaign" [size]="14" />
              <span class="visually-hidden">{{ t('campaigns.current') }}</span>
              <span data-testid="campaign-name">{{ campaign.id }} - {{ campaign.name }}</span>
            </p>
          }
        </div>
        <div class="controls pu-call-controls">
          @if (store.activity() === 'paused') {
            <button
              type="button"
              class="pu-btn pu-btn--primary"
              (click)="run('unpause', unpause)"
              [disabled]="notifier.pending('unpause')"
            >
              <pu-icon name="play" [size]="16" />{{ t('breaks.leave') }}
            </button>
          } @else if (canPlay()) {
            <button
              type="button"
              class="pu-btn pu-btn--success"
              (click)="run('ready', ready)"
              [disabled]="notifier.pending('ready')"
              data-testid="ready-button"
            >
              <pu-icon name="play" [size]="16" />{{ t('agent.ready') }}
            </button>
          }
        </div>
      }
    </section>
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    /*
     * Narrow (a utility panel): a fixed height, so nothing jumps when a call arrives.
     * From 560 px: a column of its own, the whole height, the controls at its foot.
     */
    .area {
      display: flex;
      flex-direction: column;
      gap: 0.1875rem;
      height: var(--pu-call-area-h, 8.25rem);
      padding: 0.375rem 0.625rem;
      overflow: hidden;
      background: var(--pu-surface);
      border-bottom: 1px solid var(--pu-border);
    }
    @media (min-width: 560px) {
      :host {
        height: 100%;
      }
      .area {
        height: 100%;
        gap: 0.5rem;
        padding: 0.75rem;
        border-bottom: 0;
      }
      .meta {
        white-space: normal;
      }
      .idle-campaign {
        margin-top: 0.5rem;
      }
    }
    .who {
      display: flex;
      align-items: flex-start;
      gap: 0.5rem;
      min-width: 0;
      min-height: 0;
      flex: 0 1 auto;
      overflow: hidden;
    }
    .card {
      flex: 1 1 auto;
      min-width: 0;
    }
    .direction {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      flex: none;
      width: 1.75rem;
      height: 1.75rem;
      border-radius: 50%;
      color: var(--pu-state-talking-fg);
      background: var(--pu-state-talking-bg);
    }
    .direction[data-direction='ended'] {
      color: var(--pu-state-wrap-fg);
      background: var(--pu-state-wrap-bg);
    }
    .meta {
      flex: none;
      margin: 0;
      font-size: 0.75rem;
      color: var(--pu-text-muted);
      overflow-wrap: anywhere;
    }
    /* Narrow, the Transferring chip and the Transfer tab say it: the call's line stays one line. */
    @media (max-width: 559px) {
      .transfer {
        display: none;
      }
      /*
       * Narrow with a wrap-up sheet open (340 × 500): the sheet needs the height, and its Back
       * brings Release and Schedule back; who it was and how it ended stay.
       */
      .area.sheet-open {
        height: auto;
        max-height: var(--pu-call-area-h, 8.25rem);
      }
      .area.sheet-open .controls {
        display: none;
      }
    }
    .countdown {
      font-weight: 700;
      color: var(--pu-warning-text);
    }
    .controls {
      margin-top: auto;
    }
    /* A line of its own: the (empty) Mute and More beside it must not squeeze it. */
    .hint {
      flex: 1 1 100%;
      align-self: center;
      font-size: 0.8125rem;
      font-weight: 600;
      color: var(--pu-state-ringing-fg);
    }
    .idle {
      min-height: 0;
      overflow: hidden;
    }
    .idle-title {
      margin: 0;
      font-size: 1rem;
      font-weight: 700;
    }
    .idle-hint {
      margin: 0.125rem 0 0;
      font-size: 0.8125rem;
      color: var(--pu-text-muted);
    }
    .idle-campaign {
      display: flex;
      align-items: center;
      gap: 0.3rem;
      margin: 0.25rem 0 0;
      font-size: 0.75rem;
      font-weight: 600;
      color: var(--pu-text-muted);
    }
  `,
})
export class CallArea {
  protected readonly store = inject(AgentStore);
  protected readonly commands = inject(Commands);
  protected readonly notifier = inject(Notifier);
  private readonly prefs = inject(PanelPrefs);
  protected readonly t = inject(I18n).t;
  protected readonly dialerMode = DIALER_MODE;
  readonly openSheet = output<WrapUpSheet>();
  /** A wrap-up sheet has the view: narrow, the call area shrinks to who and how it ended. */
  readonly sheetOpen = input(false);

  constructor() {
    // Overlays that open from the call (the pick list) start below it, so the call's state and its
    // controls (Hold, Hang up) stay visible and usable while they are open (issue 16 §1, §2.3).
    const host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      if (typeof ResizeObserver === 'undefined') return;
      const root = host.ownerDocument.documentElement;
      // Narrow, the call sits above the view and overlays start below it; from 560 px it is a
      // column, and overlays take the column beside it (top and right).
      const place = () => {
        const box = host.getBoundingClientRect();
        root.style.setProperty('--pu-call-area-bottom', `${Math.round(box.bottom)}px`);
        root.style.setProperty('--pu-call-area-top', `${Math.round(box.top)}px`);
        root.style.setProperty('--pu-call-area-right', `${Math.round(box.right)}px`);
      };
      const observer = new ResizeObserver(place);
      observer.observe(host);
      place();
      destroyRef.onDestroy(() => observer.disconnect());
    });
  }

  /** The CRM view of this call or contact (the gateway's search result). */
  protected readonly crm = computed(() => {
    const crm = this.store.crm();
    const call = this.store.call();
    return crm && (!call || crm.callId === call.callId) ? crm : null;
  });

  /**
   * Who is on the other end in words: the number, or the pop-up settings'
   * label for a caller who withheld it (issue 16 §2.5) — also in wrap-up,
   * where the contact of a private caller has no phone.
   */
  protected readonly party = computed(() => {
    const call = this.store.call();
    if (!call) return this.store.contact()?.phoneNumber ?? '';
    return partyLabel(call, this.prefs.config()?.anonymousLabel || this.t('call.privateNumber'));
  });

  protected readonly directionKey = computed(() => {
    switch (this.store.call()?.direction) {
      case 'inbound':
        return 'call.direction.inbound' as const;
      case 'internal':
        return 'call.direction.internal' as const;
      default:
        return 'call.direction.outbound' as const;
    }
  });

  protected readonly announcement = computed(() => {
    const call = this.store.liveCall();
    if (!call || (call.status !== 'ringing' && call.status !== 'dialing')) return '';
    const who = this.crm()?.caller?.name ?? this.party();
    return this.t(call.status === 'ringing' ? 'call.announce.ringing' : 'call.announce.dialing', { who });
  });

  protected readonly endedText = computed(() => {
    const call = this.store.call();
    const key = endCauseKey(call?.endCause ?? null);
    if (!call) return this.t('wrapUp.contactOnScreen');
    return this.t('wrapUp.ended', { cause: key ? this.t(key) : (call.endCause ?? '') });
  });

  protected readonly canPlay = computed(() => ['idle', 'wrap_up'].includes(this.store.activity()));

  protected readonly idleTitle = computed(() => {
    switch (this.store.activity()) {
      case 'available':
        return this.t('idle.available');
      case 'paused':
        return this.t('idle.paused', { name: this.store.breakState()?.name ?? '' });
      case 'logged_out':
        return this.t('idle.loading');
      // The same word as the status chip: the dialer still holds the agent in wrap-up (issue 16 §2.7).
      case 'wrap_up':
        return this.t('idle.wrapUp');
      default:
        return this.t('idle.notReady');
    }
  });

  /** How the last call ended when no contact stayed to wrap up (an unanswered manual call, issue 16 §2.7). */
  private readonly lastCall = computed(() => {
    const call = this.store.call();
    if (call?.status !== 'ended' || this.store.activity() === 'paused') return null;
    const key = endCauseKey(call.endCause);
    const outcome = key ? this.t(key) : (call.endCause ?? this.t('call.status.ended'));
    return this.t('idle.lastCall', { party: this.party(), outcome });
  });

  protected readonly idleHint = computed(() => {
    const last = this.lastCall();
    if (last) return last;
    switch (this.store.activity()) {
      case 'available':
        return this.store.campaign() ? this.t('idle.availableHint') : this.t('idle.noCampaignHint');
      case 'paused':
        return this.t('idle.pausedHint');
      case 'logged_out':
        return '';
      case 'wrap_up':
        return this.t('idle.wrapUpHint');
      default:
        return this.t('idle.notReadyHint');
    }
  });

  /** The hold button is aria-disabled, not disabled, while pending: disabling it would drop the keyboard focus. */
  protected toggleHold(callId: string, held: boolean): void {
    if (this.notifier.pending('hold')) return;
    void this.notifier.run('hold', () => (held ? this.commands.unhold(callId) : this.commands.hold(callId)));
  }

  /**
   * A previewed contact (B7): on screen, the agent reserved for it, no call yet.
   * After its call ended the agent is in wrap-up, so Release/Schedule show instead.
   */
  protected readonly preview = computed(() => {
    const contact = this.store.contact();
    if (!contact || contact.externalData['callDialer'] !== 'preview') return null;
    return this.store.activity() === 'reserved' && !this.store.liveCall() ? contact : null;
  });

  protected readonly unpause = () => this.commands.unpause();
  protected readonly ready = () => this.commands.ready();

  protected completeTransfer(callId: string): void {
    this.run('transfer.complete', () => this.commands.completeTransfer(callId));
  }

  protected endTransfer(callId: string): void {
    this.run('transfer.end', () => this.commands.endTransfer(callId));
  }

  protected hangup(callId: string): void {
    this.run('hangup', () => this.commands.hangup(callId));
  }

  protected run(action: string, work: () => Promise<unknown>): void {
    void this.notifier.run(action, work);
  }
}
