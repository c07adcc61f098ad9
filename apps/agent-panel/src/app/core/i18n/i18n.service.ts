import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';
import { en, type MessageKey, type Messages } from './messages.en';
import { es } from './messages.es';

export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

const DICTIONARIES: Record<Locale, Messages> = { en, es };
const STORAGE_KEY = 'puente.locale';

/** Picks the user's saved choice, else the browser's language, else English. */
export function pickLocale(saved: string | null, browserLanguages: readonly string[]): Locale {
  if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  for (const lang of browserLanguages) {
    const base = lang.toLowerCase().split('-')[0];
    if ((LOCALES as readonly string[]).includes(base)) return base as Locale;
  }
  return 'en';
}

@Injectable({ providedIn: 'root' })
export class I18n {
  private readonly document = inject(DOCUMENT);
  private readonly storage = this.document.defaultView?.localStorage;
  readonly locale = signal<Locale>(
    pickLocale(
      this.storage?.getItem(STORAGE_KEY) ?? null,
      this.document.defaultView?.navigator.languages ?? [],
    ),
  );
  private readonly messages = computed(() => DICTIONARIES[this.locale()]);

  constructor() {
    this.document.documentElement.lang = this.locale();
  }

  /** Translates a key, filling `{placeholders}`; reading it in a template re-renders on a language switch. */
  readonly t = (key: MessageKey, params: Record<string, string | number> = {}): string =>
    this.messages()[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );

  use(locale: Locale): void {
    this.locale.set(locale);
    this.storage?.setItem(STORAGE_KEY, locale);
    this.document.documentElement.lang = locale;
  }
}
