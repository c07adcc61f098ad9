import { Injectable, inject, signal } from '@angular/core';
import type { PanelConfig, PanelSettings } from '@puente/contracts';
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

  /** After login (or a reload): fetch both, then size the softphone and pick the language. */
  async load(): Promise<void> {
    const [config, settings] = await Promise.allSettled([this.lookups.config(), this.lookups.settings()]);
    if (config.status === 'fulfilled') this.config.set(config.value);
    else this.notifier.error(toPanelError(config.reason));
    if (settings.status === 'fulfilled') {
      this.settings.set(settings.value);
      this.apply(settings.value);
    } else this.notifier.error(toPanelError(settings.reason));
  }

  /** Saves and applies; resolves false when the gateway refused. */
  async save(settings: PanelSettings): Promise<boolean> {
    const saved = await this.notifier.run('settings.save', () => this.lookups.saveSettings(settings));
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

  clear(): void {
    this.config.set(null);
    this.settings.set(null);
  }

  private apply(settings: PanelSettings): void {
    if (settings.locale && settings.locale !== this.i18n.locale()) this.i18n.use(settings.locale);
    this.cti.setSize(settings.width, settings.height).catch(() => undefined);
  }
}
