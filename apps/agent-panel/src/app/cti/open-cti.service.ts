import { DOCUMENT, Injectable, InjectionToken, inject, signal } from '@angular/core';
import { RUNTIME_CONFIG } from '../core/runtime-config';
import { type CtiHost, detectCtiHost, type PanelLocation } from './cti-host';
import {
  type ClickToDialPayload,
  type OpenCtiCallback,
  PANEL_LIMITS,
  SCREENPOP_TYPE,
  type ScreenPopRequest,
  type SforceOpenCti,
} from './open-cti.types';

/** Loads the host's opencti_min.js and hands back `sforce.opencti`; a fake in tests. */
export type OpenCtiLoader = (scriptUrl: string) => Promise<SforceOpenCti>;

export const OPEN_CTI_LOADER = new InjectionToken<OpenCtiLoader>('OPEN_CTI_LOADER', {
  providedIn: 'root',
  factory: () => {
    const document = inject(DOCUMENT);
    return (scriptUrl) =>
      new Promise<SforceOpenCti>((resolve, reject) => {
        const script = document.createElement('script');
        script.src = scriptUrl;
        script.async = true;
        script.onload = () => {
          const api = (document.defaultView as { sforce?: { opencti?: SforceOpenCti } } | null)?.sforce
            ?.opencti;
          if (api) resolve(api);
          else reject(new Error('opencti_min.js loaded but sforce.opencti is missing'));
        };
        script.onerror = () => reject(new Error(`could not load ${scriptUrl}`));
        document.head.appendChild(script);
      });
  },
});

export const PANEL_LOCATION = new InjectionToken<PanelLocation>('PANEL_LOCATION', {
  providedIn: 'root',
  factory: () => {
    const win = inject(DOCUMENT).defaultView;
    let framed = false;
    try {
      framed = !!win && win.parent !== win;
    } catch {
      framed = true;
    }
    return { search: win?.location.search ?? '', hostname: win?.location.hostname ?? '', framed };
  },
});

export type OpenCtiStatus = 'standalone' | 'loading' | 'ready' | 'failed';

/** How long the host has to answer a call before the panel gives up on it. */
export const OPEN_CTI_TIMEOUT_MS = 10_000;

export class OpenCtiError extends Error {
  constructor(
    readonly method: string,
    readonly code: string,
    description: string,
  ) {
    super(`${method}: ${code} ${description}`);
    this.name = 'OpenCtiError';
  }
}

/**
 * Everything the panel asks of Salesforce goes through here (Open CTI
 * retires in 2028: a Service Cloud Voice connector would replace this one
 * service). Outside a CTI host every method resolves at once and does
 * nothing, so the panel works standalone.
 */
@Injectable({ providedIn: 'root' })
export class OpenCti {
  private readonly loader = inject(OPEN_CTI_LOADER);
  private readonly config = inject(RUNTIME_CONFIG);
  readonly host: CtiHost | null = detectCtiHost(inject(PANEL_LOCATION), this.config.openCtiOrigins ?? []);
  private api: SforceOpenCti | null = null;
  private loading: Promise<void> | null = null;

  readonly status = signal<OpenCtiStatus>(this.host ? 'loading' : 'standalone');

  /** Loads the library from the host; safe to call more than once. */
  init(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  get ready(): boolean {
    return this.api !== null;
  }

  async screenPop(request: ScreenPopRequest): Promise<void> {
    await this.call('screenPop', (callback) => this.api?.screenPop({ ...request, callback }));
  }

  /**
   * Asks Salesforce to show `url` (screenPop of type URL): Lightning opens
   * it in a console tab, the softphone staying where it is. Resolves false
   * outside a host, where the caller opens it itself.
   */
  async popUrl(url: string): Promise<boolean> {
    if (!this.api) return false;
    await this.screenPop({ type: SCREENPOP_TYPE.URL, params: { url } });
    return true;
  }

  async enableClickToDial(): Promise<void> {
    await this.call('enableClickToDial', (callback) => this.api?.enableClickToDial({ callback }));
  }

  async disableClickToDial(): Promise<void> {
    await this.call('disableClickToDial', (callback) => this.api?.disableClickToDial({ callback }));
  }

  /** Registers the one click-to-dial listener (the host calls it on every click). */
  onClickToDial(listener: (payload: ClickToDialPayload) => void): void {
    this.api?.onClickToDial({ listener });
  }

  async notifyInitializationComplete(): Promise<void> {
    await this.call('notifyInitializationComplete', (callback) =>
      this.api?.notifyInitializationComplete({ callback }),
    );
  }

  async setVisible(visible: boolean): Promise<void> {
    await this.call('setSoftphonePanelVisibility', (callback) =>
      this.api?.setSoftphonePanelVisibility({ visible, callback }),
    );
  }

  /** What the minimised softphone shows in the utility bar: a label and an SLDS utility icon (issue 16 §2.8). */
  async setItem(label: string, icon: string): Promise<void> {
    await this.call('setSoftphoneItemLabel', (callback) =>
      this.api?.setSoftphoneItemLabel({ label, callback }),
    );
    await this.call('setSoftphoneItemIcon', (callback) =>
      this.api?.setSoftphoneItemIcon({ key: icon, callback }),
    );
  }

  /** Whether the softphone panel is open; null outside a host. */
  async isVisible(): Promise<boolean | null> {
    if (!this.api) return null;
    const value = await this.call<{ visible: boolean }>('isSoftphonePanelVisible', (callback) =>
      this.api?.isSoftphonePanelVisible({ callback }),
    );
    return value?.visible ?? null;
  }

  /** Sets the panel's size within Salesforce's limits (F1). */
  async setSize(width: number, height: number): Promise<void> {
    const clamp = (v: number, l: { min: number; max: number }) =>
      Math.min(l.max, Math.max(l.min, Math.round(v)));
    const widthPX = clamp(width, PANEL_LIMITS.width);
    const heightPX = clamp(height, PANEL_LIMITS.height);
    await this.call('setSoftphonePanelWidth', (callback) =>
      this.api?.setSoftphonePanelWidth({ widthPX, callback }),
    );
    await this.call('setSoftphonePanelHeight', (callback) =>
      this.api?.setSoftphonePanelHeight({ heightPX, callback }),
    );
  }

  /** The org's Call Center as getCallCenterSettings returns it; null outside a host. */
  getCallCenterSettings(): Promise<Record<string, string> | null> {
    return this.call<Record<string, string>>('getCallCenterSettings', (callback) =>
      this.api?.getCallCenterSettings({ callback }),
    );
  }

  /** The user's Softphone Layout as getSoftphoneLayout returns it (validated by whoever uses it); null outside a host. */
  getSoftphoneLayout(): Promise<unknown> {
    return this.call<unknown>('getSoftphoneLayout', (callback) => this.api?.getSoftphoneLayout({ callback }));
  }

  private async load(): Promise<void> {
    if (!this.host) return;
    try {
      this.api = await this.loader(this.host.scriptUrl);
      this.status.set('ready');
    } catch {
      this.status.set('failed');
    }
  }

  /** One Open CTI method as a promise: resolves with returnValue, rejects with the host's error. */
  private call<T = null>(method: string, invoke: (callback: OpenCtiCallback<T>) => void): Promise<T | null> {
    if (!this.api) return Promise.resolve(null);
    return new Promise<T | null>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new OpenCtiError(method, 'TIMEOUT', 'no answer from the host')),
        OPEN_CTI_TIMEOUT_MS,
      );
      try {
        invoke((response) => {
          clearTimeout(timer);
          if (response?.success) resolve(response.returnValue ?? null);
          else {
            const first = response?.errors?.[0];
            reject(new OpenCtiError(method, first?.code ?? 'GENERIC_ERROR', first?.description ?? ''));
          }
        });
      } catch (error) {
        clearTimeout(timer);
        reject(new OpenCtiError(method, 'GENERIC_ERROR', String(error)));
      }
    }) as Promise<T | null>;
  }
}
