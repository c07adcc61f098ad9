import { Injectable } from '@nestjs/common';
import type { StatementSync } from 'node:sqlite';
import { takeLegacyKv } from '../store/legacy-kv';
import { SqliteStorage } from '../store/sqlite-storage';
import { type MissedCallsCursor, MissedCallsCursorStore } from './missed-calls-cursor.store';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS missed_calls_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), value TEXT NOT NULL);
`;

/** Its old `kv` key, taken over on first open. */
const LEGACY_KEY = 'inbound.missedCalls.cursor';

/** The cursor as JSON in a one-row table of the node's SQLite file. */
@Injectable()
export class SqliteMissedCallsCursorStore extends MissedCallsCursorStore {
  private readonly s: Record<'get' | 'put', StatementSync>;

  constructor(storage: SqliteStorage) {
    super();
    storage.exec(SCHEMA);
    this.s = {
      get: storage.prepare('SELECT value FROM missed_calls_cursor WHERE id = 1'),
      put: storage.prepare(
        'INSERT INTO missed_calls_cursor (id, value) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET value = excluded.value',
      ),
    };
    storage.transaction(() => {
      for (const { value } of takeLegacyKv(storage, LEGACY_KEY)) this.s.put.run(value);
    });
  }

  async load(): Promise<Partial<MissedCallsCursor> | undefined> {
    return this.read();
  }

  async save(cursor: MissedCallsCursor): Promise<void> {
    // Same rule as on Redis: within one dialer run the cursor only moves forward.
    let current: Partial<MissedCallsCursor> | undefined;
    try {
      current = this.read();
    } catch {
      current = undefined; // a damaged value is overwritten, as before
    }
    if (current?.epoch === cursor.epoch && Number(current.after) > cursor.after) return;
    this.s.put.run(JSON.stringify(cursor));
  }

  private read(): Partial<MissedCallsCursor> | undefined {
    const row = this.s.get.get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as Partial<MissedCallsCursor>) : undefined;
  }
}
