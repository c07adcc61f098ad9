import { Injectable, effect, inject, untracked } from '@angular/core';
import { Commands } from '../api/commands.service';
import { Notifier } from '../core/notifier.service';
import { PanelPrefs } from '../prefs/panel-prefs.service';
import { SessionService } from '../session/session.service';
import { clickToDialRequest } from './click-to-dial.util';
import { OpenCti } from './open-cti.service';
import type { ClickToDialPayload } from './open-cti.types';
import { PopExecutor } from './pop-executor.service';
import { SoftphoneItem } from './softphone-item.service';

/**
 * Wires the panel to its CTI host: loads Open CTI, turns click-to-dial on
 * while an agent is logged in and dials what they click (B6), runs the pop
 * executor, and tells the host when the panel is ready.
 */
@Injectable({ providedIn: 'root' })
export class CtiBridge {
  private readonly cti = inject(OpenCti);
  private readonly session = inject(SessionService);
  private readonly commands = inject(Commands);
  private readonly notifier = inject(Notifier);
  private readonly prefs = inject(PanelPrefs);
  private started = false;

  private readonly item = inject(SoftphoneItem);

  constructor() {
    inject(PopExecutor);
    effect(() => {
      const loggedIn = this.session.authenticated();
      untracked(() => {
        if (!this.cti.ready) return;
        const toggle = loggedIn ? this.cti.enableClickToDial() : this.cti.disableClickToDial();
        toggle.catch(() => undefined);
      });
    });
  }

  /** Loads Open CTI (a no-op standalone) and registers the click-to-dial listener once. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.cti.init();
    if (!this.cti.ready) return;
    this.cti.onClickToDial((payload) => void this.onClickToDial(payload));
    if (this.session.authenticated()) await this.cti.enableClickToDial().catch(() => undefined);
  }

  /** The panel is on screen and knows who is logged in. */
  ready(): Promise<void> {
    // Open CTI may have come up after the first state: say it now rather than "Softphone ready".
    this.item.refresh();
    return this.cti.notifyInitializationComplete().catch(() => undefined);
  }

  async onClickToDial(payload: ClickToDialPayload): Promise<void> {
    await this.cti.setVisible(true).catch(() => undefined);
    if (!this.session.authenticated()) {
      this.notifier.info('cti.loginFirst');
      return;
    }
    const request = clickToDialRequest(payload, this.prefs.config()?.allowClickToDialSearch ?? true);
    if (!request) return;
    await this.notifier.run('dial', () => this.commands.dial(request));
  }
}
