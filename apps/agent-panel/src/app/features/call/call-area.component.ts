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
import { I18n } from '../../core/i18n/i18n.service';
import { AgentStore } from '../../state/agent.store';
import { PanelPrefs } from '../../prefs/panel-prefs.service';
import { DIALER_MODE, endCauseKey, partyLabel } from '../../state/agent-view.util';
import { Icon } from '../../ui/icon.component';
import { CallerCard } from './caller-card.component';
import { PreviewChoice } from './preview-choice.component';
import { CallActions } from './call-actions.component';
import { IdleStatus } from './idle-status.component';
import { WrapUpActions, type WrapUpSheet } from './wrap-up-actions.component';

export type { WrapUpSheet } from './wrap-up-actions.component';

/**
 * The call, always in the same place and the same size (no layout jump when
 * a call arrives): who, the controls for the moment (hold, hang up, end of
 * attended transfer), the wrap-up actions, or Play when there is no call.
 */
@Component({
  selector: 'pu-call-area',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon, CallerCard, CallActions, IdleStatus, PreviewChoice, WrapUpActions],
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
        <pu-call-actions class="controls" [call]="call" />
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
        <pu-wrap-up-actions class="controls" (openSheet)="openSheet.emit($event)" />
      } @else {
        <pu-idle-status class="idle-status" [party]="party()" />
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
    }
    /* Stretched, so the caller's card gets the height the call area can spare (and no more). */
    .who {
      display: flex;
      align-items: stretch;
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
      align-self: flex-start;
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
       * The caller takes what the line and the controls leave of the fixed height, and the card
       * sizes its fields to that (a container, pu-who): whole lines, or none when none fits.
       * With a sheet open the area's height is its content's, and the card shows only who.
       */
      .area:not(.sheet-open) .who {
        flex: 1 1 0;
        container: pu-who / size;
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
    .idle-status {
      display: flex;
      flex: 1 1 auto;
      flex-direction: column;
      min-height: 0;
    }
  `,
})
export class CallArea {
  protected readonly store = inject(AgentStore);
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
      // column, and overlays take the column beside it (top and right). Both end above the tabs,
      // which follow the call and the view (the host's parent) and must stay usable.
      const body = host.parentElement ?? host;
      const place = () => {
        const box = host.getBoundingClientRect();
        const foot = body.getBoundingClientRect().bottom;
        root.style.setProperty('--pu-call-area-bottom', `${Math.round(box.bottom)}px`);
        root.style.setProperty('--pu-call-area-top', `${Math.round(box.top)}px`);
        root.style.setProperty('--pu-call-area-right', `${Math.round(box.right)}px`);
        root.style.setProperty('--pu-tabs-height', `${Math.max(0, Math.round(root.clientHeight - foot))}px`);
      };
      const observer = new ResizeObserver(place);
      observer.observe(host);
      observer.observe(body);
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

  /**
   * A previewed contact (B7): on screen, the agent reserved for it, no call yet.
   * After its call ended the agent is in wrap-up, so Release/Schedule show instead.
   */
  protected readonly preview = computed(() => {
    const contact = this.store.contact();
    if (!contact || contact.externalData['callDialer'] !== 'preview') return null;
    return this.store.activity() === 'reserved' && !this.store.liveCall() ? contact : null;
  });
}
