import { Injectable } from '@nestjs/common';
import type { PanelSettings, SalesforceSettings } from '@puente/contracts';
import type { StatementSync } from 'node:sqlite';
import { takeLegacyKv } from '../store/legacy-kv';
import { SqliteStorage } from '../store/sqlite-storage';
import { SettingsRepository } from './settings.repository';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS panel_settings (user TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS salesforce_settings (session_id TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
`;

/** The old `kv` keys: `settings:<user>` and `salesforce-settings:<sessionId>`. */
const LEGACY = { panel: 'settings:', salesforce: 'salesforce-settings:' } as const;

/** Both kinds of settings in the node's SQLite file, one table each, values as JSON. */
@Injectable()
export class SqliteSettingsRepository extends SettingsRepository {
  readonly shared = false;
  private readonly s: Record<string, StatementSync>;

  constructor(storage: SqliteStorage) {
    super();
    storage.exec(SCHEMA);
    const put = (table: string, key: string) =>
      storage.prepare(
        `INSERT INTO ${table} (${key}, value) VALUES (?, ?) ON CONFLICT (${key}) DO UPDATE SET value = excluded.value`,
      );
    this.s = {
      panelGet: storage.prepare('SELECT value FROM panel_settings WHERE user = ?'),
      panelPut: put('panel_settings', 'user'),
      sfGet: storage.prepare('SELECT value FROM salesforce_settings WHERE session_id = ?'),
      sfPut: put('salesforce_settings', 'session_id'),
      sfDelete: storage.prepare('DELETE FROM salesforce_settings WHERE session_id = ?'),
    };
    storage.transaction(() => {
      for (const { key, value } of takeLegacyKv(storage, LEGACY.panel, { prefix: true }))
        this.s.panelPut.run(key.slice(LEGACY.panel.length), value);
      for (const { key, value } of takeLegacyKv(storage, LEGACY.salesforce, { prefix: true }))
        this.s.sfPut.run(key.slice(LEGACY.salesforce.length), value);
    });
  }

  async panelSettings(user: string): Promise<unknown> {
    const row = this.s.panelGet.get(user) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as unknown) : undefined;
  }

  async savePanelSettings(user: string, settings: PanelSettings): Promise<void> {
    this.s.panelPut.run(user, JSON.stringify(settings));
  }

  async salesforceSettings(sessionId: string): Promise<SalesforceSettings | undefined> {
    const row = this.s.sfGet.get(sessionId) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as SalesforceSettings) : undefined;
  }

  async saveSalesforceSettings(sessionId: string, settings: SalesforceSettings): Promise<void> {
    this.s.sfPut.run(sessionId, JSON.stringify(settings));
  }

  async deleteSalesforceSettings(sessionId: string): Promise<void> {
    this.s.sfDelete.run(sessionId);
  }
}
