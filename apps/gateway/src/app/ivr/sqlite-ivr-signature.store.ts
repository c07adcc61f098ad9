import { Injectable } from '@nestjs/common';
import type { StatementSync } from 'node:sqlite';
import { SqliteStorage } from '../store/sqlite-storage';
import { IvrSignatureStore } from './ivr-signature.store';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS ivr_signature (
    signature TEXT PRIMARY KEY, key_id TEXT NOT NULL, seen_at INTEGER NOT NULL) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS ivr_signature_seen ON ivr_signature (seen_at);
`;

/** Where versions before issue 18 kept them: rows of the command idempotency table under this scope. */
const LEGACY_SCOPE = 'ivr-signature';

/** Signatures in the node's SQLite file, written in the storage's batches. */
@Injectable()
export class SqliteIvrSignatureStore extends IvrSignatureStore {
  private readonly s: Record<'since' | 'put' | 'expire', StatementSync>;

  constructor(private readonly storage: SqliteStorage) {
    super();
    storage.exec(SCHEMA);
    this.s = {
      since: storage.prepare(
        'SELECT signature, seen_at FROM ivr_signature WHERE seen_at >= ? ORDER BY seen_at',
      ),
      put: storage.prepare(
        'INSERT OR REPLACE INTO ivr_signature (signature, key_id, seen_at) VALUES (?, ?, ?)',
      ),
      expire: storage.prepare('DELETE FROM ivr_signature WHERE seen_at < ?'),
    };
    if (storage.columns('idempotency').has('scope')) {
      storage.transaction(() => {
        storage
          .prepare(
            'INSERT OR IGNORE INTO ivr_signature (signature, key_id, seen_at) ' +
              'SELECT key, request_hash, created_at FROM idempotency WHERE scope = ?',
          )
          .run(LEGACY_SCOPE);
        storage.prepare('DELETE FROM idempotency WHERE scope = ?').run(LEGACY_SCOPE);
      });
    }
  }

  seenSince(since: number): { signature: string; seenAt: number }[] {
    this.storage.flush();
    return (this.s.since.all(since) as { signature: string; seen_at: number }[]).map((r) => ({
      signature: r.signature,
      seenAt: r.seen_at,
    }));
  }

  remember(signature: string, keyId: string, seenAt: number, withinMs: number): void {
    this.storage.enqueue(() => this.s.put.run(signature, keyId, seenAt), withinMs);
  }

  expire(olderThan: number): void {
    this.storage.enqueue(() => this.s.expire.run(olderThan));
  }
}
