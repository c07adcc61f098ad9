import { Injectable } from '@nestjs/common';
import type { StatementSync } from 'node:sqlite';
import { SqliteStorage } from '../store/sqlite-storage';
import type { RememberedAnswer } from '@puente/server-kit';
import { IdempotencyRepository } from './idempotency.repository';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS idempotency (
    scope TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, status INTEGER NOT NULL,
    body TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (scope, key)) WITHOUT ROWID;
`;

/** Remembered results in the node's SQLite file; written at once (a retry may come right after). */
@Injectable()
export class SqliteIdempotencyRepository extends IdempotencyRepository {
  private readonly s: Record<'get' | 'put' | 'expire', StatementSync>;

  constructor(storage: SqliteStorage) {
    super();
    storage.exec(SCHEMA);
    this.s = {
      get: storage.prepare(
        'SELECT request_hash, status, body, created_at FROM idempotency WHERE scope = ? AND key = ?',
      ),
      put: storage.prepare(
        'INSERT OR REPLACE INTO idempotency (scope, key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      expire: storage.prepare('DELETE FROM idempotency WHERE created_at < ?'),
    };
  }

  async find(scope: string, key: string): Promise<RememberedAnswer | undefined> {
    const row = this.s.get.get(scope, key) as
      { request_hash: string; status: number; body: string; created_at: number } | undefined;
    return row
      ? {
          fingerprint: row.request_hash,
          status: row.status,
          body: JSON.parse(row.body) as unknown,
          createdAt: row.created_at,
        }
      : undefined;
  }

  async remember(scope: string, key: string, record: RememberedAnswer): Promise<void> {
    this.s.put.run(
      scope,
      key,
      record.fingerprint,
      record.status,
      JSON.stringify(record.body),
      record.createdAt,
    );
  }

  async expire(olderThan: number): Promise<void> {
    this.s.expire.run(olderThan);
  }
}
