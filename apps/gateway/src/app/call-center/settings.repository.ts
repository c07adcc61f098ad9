import type { PanelSettings, SalesforceSettings } from '@puente/contracts';

/**
 * Settings kept for people and sessions: each user's panel preferences
 * (F1, they follow the user to any device) and what each session's panel
 * read from Salesforce (issue 17 §2, they end with the session). Values are
 * stored as sent and validated by their readers, so a value written by an
 * older version that no longer parses falls back to the defaults. Async for
 * Redis (issue 18 §2), where a session's settings saved through one node
 * apply on every node.
 */
export abstract class SettingsRepository {
  /** True when other nodes read and write the same settings (Redis): readers then read through. */
  abstract readonly shared: boolean;
  abstract panelSettings(user: string): Promise<unknown>;
  abstract savePanelSettings(user: string, settings: PanelSettings): Promise<void>;
  abstract salesforceSettings(sessionId: string): Promise<SalesforceSettings | undefined>;
  abstract saveSalesforceSettings(sessionId: string, settings: SalesforceSettings): Promise<void>;
  abstract deleteSalesforceSettings(sessionId: string): Promise<void>;
}
