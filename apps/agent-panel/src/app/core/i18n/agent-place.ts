import type { Locale } from './i18n.service';

/** Where the agent works, as the login tells the gateway (issue 16 §2.9). */
export interface AgentPlace {
  locale: string;
  timeZone?: string;
}

/**
 * The panel's language with the browser's region when they agree ("es" and
 * es-AR → "es-AR"), and the browser's time zone: the gateway writes the
 * dates it puts in Salesforce for the agent (the callback in the Task) so.
 */
export function agentPlace(
  panelLocale: Locale,
  browserLanguages: readonly string[],
  timeZone: string | undefined,
): AgentPlace {
  const regional = browserLanguages.find(
    (tag) => tag.toLowerCase().split('-')[0] === panelLocale && /^[a-z]{2,3}-[a-z0-9]{2,8}$/i.test(tag),
  );
  return { locale: regional ?? panelLocale, ...(timeZone ? { timeZone } : {}) };
}

/** This browser's IANA time zone, or undefined when it does not say. */
export function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}
