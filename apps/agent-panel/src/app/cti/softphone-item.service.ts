import { Injectable, computed, effect, inject, untracked } from '@angular/core';
import { I18n } from '../core/i18n/i18n.service';
import { PanelPrefs } from '../prefs/panel-prefs.service';
import { ACTIVITY_VIEW, CALL_STATUS_VIEW, partyLabel } from '../state/agent-view.util';
import { AgentStore } from '../state/agent.store';
import { OpenCti } from './open-cti.service';

/** What the utility bar item shows while the softphone is minimised. */
export interface SoftphoneItemView {
  label: string;
  /** An SLDS utility icon key, as setSoftphoneItemIcon takes it. */
  icon: 'call' | 'pause' | 'phone_portrait';
  /** A call is being offered to the agent: open the panel for it. */
  offeredCallId: string | null;
}

/**
 * Keeps the minimised softphone telling the truth (issue 16 §2.8): the
 * utility item's label and icon follow the call and the agent's state
 * (Open CTI setSoftphoneItemLabel / setSoftphoneItemIcon), and the panel
 * opens by itself when a call rings (setSoftphonePanelVisibility), once per
 * call, so an agent working in a record never misses it.
 */
@Injectable({ providedIn: 'root' })
export class SoftphoneItem {
  private readonly store = inject(AgentStore);
  private readonly cti = inject(OpenCti);
  private readonly prefs = inject(PanelPrefs);
  private readonly t = inject(I18n).t;
  private shown = '';
  private openedFor: string | null = null;

  readonly view = computed<SoftphoneItemView>(() => {
    const t = this.t;
    const call = this.store.liveCall();
    const crm = this.store.crm();
    if (call) {
      const party = partyLabel(call, this.prefs.config()?.anonymousLabel || t('call.privateNumber'));
      const who = (crm?.callId === call.callId ? (crm.linked?.name ?? crm.caller?.name) : null) ?? party;
      if (call.status === 'ringing')
        return { label: t('call.announce.ringing', { who }), icon: 'call', offeredCallId: call.callId };
      if (call.status === 'dialing')
        return { label: t('call.announce.dialing', { who }), icon: 'call', offeredCallId: null };
      const held = call.status === 'on_hold' || call.heldSince !== null;
      return {
        label: `${t(CALL_STATUS_VIEW[call.status].key)} · ${who}`,
        icon: held ? 'pause' : 'call',
        offeredCallId: null,
      };
    }
    const activity = this.store.activity();
    if (activity === 'logged_out')
      return { label: t('item.phone'), icon: 'phone_portrait', offeredCallId: null };
    const breakState = this.store.breakState();
    const label = activity === 'paused' && breakState ? breakState.name : t(ACTIVITY_VIEW[activity].key);
    return { label, icon: activity === 'paused' ? 'pause' : 'phone_portrait', offeredCallId: null };
  });

  constructor() {
    effect(() => {
      const view = this.view();
      untracked(() => this.show(view));
    });
  }

  /** Shows the current view again (Open CTI has just come up). */
  refresh(): void {
    this.shown = '';
    this.show(untracked(this.view));
  }

  private show(view: SoftphoneItemView): void {
    if (!this.cti.ready) return;
    const key = `${view.icon}|${view.label}`;
    if (key !== this.shown) {
      this.shown = key;
      this.cti.setItem(view.label, view.icon).catch(() => undefined);
    }
    if (view.offeredCallId && view.offeredCallId !== this.openedFor) {
      this.openedFor = view.offeredCallId;
      this.cti.setVisible(true).catch(() => undefined);
    }
  }
}
