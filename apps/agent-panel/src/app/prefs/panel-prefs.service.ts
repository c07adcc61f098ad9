import { Injectable, inject, signal } from '@angular/core';
import {
  CallCenterFlatSchema,
  type PanelConfig,
  type PanelSettings,
  type SalesforceSettings,
  SoftphoneLayoutSchema,
} from '@puente/contracts';
import { toPanelError } from '../api/api-error';
import { Lookups } from '../api/lookups.service';
import { I18n, type Locale } from '../core/i18n/i18n.service';
import { Notifier } from '../core/notifier.service';
import { OpenCti } from '../cti/open-cti.service';

/**
 * The Call Center options the panel follows (C6) and the agent's own
 * settings (F1: width, height, auto-minimise, language), kept by the
 * gateway so they follow the agent across sessions and devices.
 */
@Injectable({ providedIn: 'root' })
export class PanelPrefs {
  private readonly lookups = inject(Lookups);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18n);
  private readonly cti = inject(OpenCti);

  readonly config = signal<PanelConfig | null>(null);
  readonly settings = signal<PanelSettings | null>(null);
  /** Whether the panel runs inside Salesforce, and which Open CTI reads failed (issue 17 §2). */
  readonly host = signal<{ inSalesforce: boolean; failed: string[] }>({ inSalesforce: false, failed: [] });

  /** After login (or a reload): fetch both, then size the softphone and pick the language. */
  async load(): Promise<void> {
    const [config, settings] = await Promise.allSettled([this.resolveConfig(), this.lookups.settings()]);
    if (config.status === 'fulfilled') this.config.set(config.value);
    else this.notifier.error(toPanelError(config.reason));
    if (settings.status === 'fulfilled') {
      this.settings.set(settings.value);
      this.apply(settings.value);
    } else this.notifier.error(toPanelError(settings.reason));
  }

  /**
   * Saves and applies; resolves false when the gateway refused. What the
   * caller leaves out (the settings form knows nothing of the board) keeps
   * its saved value.
   */
  async save(settings: PanelSettings): Promise<boolean> {
    const body = { ...this.settings(), ...settings };
    const saved = await this.notifier.run('settings.save', () => this.lookups.saveSettings(body));
    if (!saved) return false;
    this.settings.set(saved);
    this.apply(saved);
    return true;
  }

  /** The agent switched language in the panel: remember it with their settings. */
  async rememberLocale(locale: Locale): Promise<void> {
    this.i18n.use(locale);
    const current = this.settings();
    if (current && current.locale !== locale) await this.save({ ...current, locale });
  }

  /** The supervisor folded or unfolded the board's figures: remembered with their settings (issue 16 §1). */
  async rememberBoardFigures(folded: boolean): Promise<void> {
    const current = this.settings();
    if (current && (current.boardFiguresFolded ?? false) !== folded)
      await this.save({ ...current, boardFiguresFolded: folded });
  }

  /**
   * Inside Salesforce, the org's Call Center and the user's Softphone Layout
   * (read through Open CTI now, so an edit in Setup counts from the next
   * start) go to the gateway with the session; the gateway answers the
   * options in force. Outside Salesforce, or for a read that failed, the
   * gateway's file applies.
   */
  private async resolveConfig(): Promise<PanelConfig> {
    await this.cti.init();
    if (!this.cti.ready) {
      this.host.set({ inSalesforce: false, failed: [] });
      return this.lookups.config();
    }
    const [callCenter, layout] = await Promise.allSettled([
      this.cti.getCallCenterSettings(),
      this.cti.getSoftphoneLayout(),
    ]);
    const flat = callCenter.status === 'fulfilled' ? CallCenterFlatSchema.safeParse(callCenter.value) : null;
    const shaped = layout.status === 'fulfilled' ? SoftphoneLayoutSchema.safeParse(layout.value) : null;
    const body: SalesforceSettings = {
      callCenter: flat?.success ? flat.data : null,
      softphoneLayout: shaped?.success ? shaped.data : null,
    };
    const failed = [
      ...(body.callCenter ? [] : ['getCallCenterSettings']),
      ...(body.softphoneLayout ? [] : ['getSoftphoneLayout']),
    ];
    this.host.set({ inSalesforce: true, failed });
    if (!body.callCenter && !body.softphoneLayout) return this.lookups.config();
    return this.lookups.sendSalesforceSettings(body);
  }

  clear(): void {
    this.config.set(null);
    this.settings.set(null);
  }

  private apply(settings: PanelSettings): void {
    if (settings.locale && settings.locale !== this.i18n.locale()) this.i18n.use(settings.locale);
    this.cti.setSize(settings.width, settings.height).catch(() => undefined);
  }
}
