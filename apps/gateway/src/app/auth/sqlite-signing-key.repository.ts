import { Injectable } from '@nestjs/common';
import type { StatementSync } from 'node:sqlite';
import { takeLegacyKv } from '../store/legacy-kv';
import { SqliteStorage } from '../store/sqlite-storage';
import { SigningKeyRepository } from './signing-key.repository';
import type { TokenKey } from './token-keys';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS token_key (
    id INTEGER PRIMARY KEY CHECK (id = 1), kid TEXT NOT NULL, secret TEXT NOT NULL);
`;

/** The generated key in its own one-row table; taken from the old `kv` table on first open. */
@Injectable()
export class SqliteSigningKeyRepository extends SigningKeyRepository {
  private readonly s: Record<'get' | 'put', StatementSync>;

  constructor(storage: SqliteStorage) {
    super();
    storage.exec(SCHEMA);
    this.s = {
      get: storage.prepare('SELECT kid, secret FROM token_key WHERE id = 1'),
      put: storage.prepare(
        'INSERT INTO token_key (id, kid, secret) VALUES (1, ?, ?) ' +
          'ON CONFLICT (id) DO UPDATE SET kid = excluded.kid, secret = excluded.secret',
      ),
    };
    storage.transaction(() => {
      for (const { value } of takeLegacyKv(storage, 'token-key')) {
        const key = JSON.parse(value) as TokenKey;
        if (!this.generated()) this.saveGenerated(key);
      }
      // The key of versions before key ids: its tokens carry no kid and are refused anyway.
      takeLegacyKv(storage, 'token-secret');
    });
  }

  generated(): TokenKey | undefined {
    const row = this.s.get.get() as { kid: string; secret: string } | undefined;
    return row ? { kid: row.kid, secret: row.secret } : undefined;
  }

  saveGenerated(key: TokenKey): void {
    this.s.put.run(key.kid, key.secret);
  }
}
