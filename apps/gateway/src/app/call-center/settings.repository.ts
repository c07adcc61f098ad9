import type { PanelSettings, SalesforceSettings } from '@puente/contracts';

/**
 * Settings kept for people and sessions: each user's panel preferences
 * (F1, they follow the user to any device) and what each session's panel
 * read from Salesforce (issue 17 §2, they end with the session). Values are
 * stored as sent and validated by their readers, so a value written by an
 * older version that no longer parses falls back to the defaults.
 */
export abstract class SettingsRepository {
  abstract panelSettings(user: string): unknown;
  abstract savePanelSettings(user: string, settings: PanelSettings): void;
  abstract salesforceSettings(sessionId: string): SalesforceSettings | undefined;
  abstract saveSalesforceSettings(sessionId: string, settings: SalesforceSettings): void;
  abstract deleteSalesforceSettings(sessionId: string): void;
}
