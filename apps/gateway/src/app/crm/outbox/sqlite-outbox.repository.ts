import { Injectable } from '@nestjs/common';
import type { StatementSync } from 'node:sqlite';
import { SqliteStorage } from '../../store/sqlite-storage';
import { mergeDeep } from './merge-deep';
import { type OutboxItem, OutboxRepository, type WaitReason } from './outbox.repository';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS crm_outbox (
    kind TEXT NOT NULL, key TEXT NOT NULL, payload TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL, last_error TEXT, created_at INTEGER NOT NULL, dead INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, key)) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS crm_outbox_due ON crm_outbox (dead, next_attempt_at);
`;

/** Added after the first release: an outbox written before it gains the column on open. */
const UNREACHABLE_COLUMN = 'ALTER TABLE crm_outbox ADD COLUMN unreachable INTEGER NOT NULL DEFAULT 0';

/**
 * Salesforce writes waiting to happen (DESIGN principle 7), one row per
 * (kind, key) — e.g. ("task", callId). Enqueuing again for the same key
 * merges the fields into the pending write, so a call's Task is written
 * once however many facts arrive; a write already done is followed by a new
 * row that the idempotent handler applies as an update. Each method does
 * its work within the call (the promise only carries the answer), so one
 * node keeps the order it always had.
 */
@Injectable()
export class SqliteOutboxRepository extends OutboxRepository {
  private readonly s: Record<string, StatementSync>;

  constructor(db: SqliteStorage) {
    super();
    db.exec(SCHEMA);
    if (!db.columns('crm_outbox').has('unreachable')) db.exec(UNREACHABLE_COLUMN);
    this.s = {
      get: db.prepare('SELECT payload FROM crm_outbox WHERE kind = ? AND key = ?'),
      put: db.prepare(
        'INSERT INTO crm_outbox (kind, key, payload, attempts, next_attempt_at, last_error, created_at, dead) VALUES (?, ?, ?, 0, ?, NULL, ?, 0) ' +
          'ON CONFLICT (kind, key) DO UPDATE SET payload = excluded.payload, next_attempt_at = excluded.next_attempt_at, dead = 0, attempts = 0',
      ),
      due: db.prepare(
        'SELECT kind, key, payload, attempts, last_error FROM crm_outbox WHERE dead = 0 AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?',
      ),
      done: db.prepare('DELETE FROM crm_outbox WHERE kind = ? AND key = ? AND payload = ?'),
      retry: db.prepare(
        'UPDATE crm_outbox SET attempts = ?, next_attempt_at = ?, last_error = ?, dead = ?, unreachable = ? WHERE kind = ? AND key = ?',
      ),
      waitingDue: db.prepare(
        'UPDATE crm_outbox SET next_attempt_at = ? WHERE dead = 0 AND unreachable = 1 AND next_attempt_at > ?',
      ),
      makeDue: db.prepare(
        'UPDATE crm_outbox SET next_attempt_at = ?, dead = 0, attempts = 0 WHERE next_attempt_at > ? OR dead = 1',
      ),
      counts: db.prepare('SELECT dead, COUNT(*) AS n FROM crm_outbox GROUP BY dead'),
    };
  }

  /** Adds a write, or merges its fields into the pending one for the same (kind, key). */
  async enqueue(
    kind: string,
    key: string,
    payload: Record<string, unknown>,
    now = Date.now(),
  ): Promise<void> {
    const existing = this.s.get.get(kind, key) as { payload: string } | undefined;
    const merged = existing
      ? mergeDeep(JSON.parse(existing.payload) as Record<string, unknown>, payload)
      : payload;
    this.s.put.run(kind, key, JSON.stringify(merged), now, now);
  }

  async due(now: number, limit: number): Promise<OutboxItem[]> {
    return (
      this.s.due.all(now, limit) as {
        kind: string;
        key: string;
        payload: string;
        attempts: number;
        last_error: string | null;
      }[]
    ).map((r) => ({
      kind: r.kind,
      key: r.key,
      payload: JSON.parse(r.payload) as Record<string, unknown>,
      attempts: r.attempts,
      lastError: r.last_error,
    }));
  }

  /** Removes the row only if nothing was merged into it while it was being written. */
  async complete(item: OutboxItem): Promise<boolean> {
    return Number(this.s.done.run(item.kind, item.key, JSON.stringify(item.payload)).changes) > 0;
  }

  async retry(
    item: OutboxItem,
    nextAttemptAt: number,
    error: string,
    dead: boolean,
    reason: WaitReason = 'refused',
  ): Promise<void> {
    this.s.retry.run(
      item.attempts + 1,
      nextAttemptAt,
      error.slice(0, 1000),
      dead ? 1 : 0,
      reason === 'unreachable' ? 1 : 0,
      item.kind,
      item.key,
    );
  }

  /**
   * Makes due now the writes that wait only because Salesforce could not be
   * reached (not those it refused, nor parked ones), keeping their attempt
   * counts: Salesforce answers again.
   */
  async makeUnreachableDue(now = Date.now()): Promise<number> {
    return Number(this.s.waitingDue.run(now, now).changes);
  }

  /** Makes every waiting or parked write due now (an operator's "retry now"). */
  async makeAllDue(now = Date.now()): Promise<number> {
    return Number(this.s.makeDue.run(now, now).changes);
  }

  async counts(): Promise<{ pending: number; dead: number }> {
    const rows = this.s.counts.all() as { dead: number; n: number }[];
    return { pending: rows.find((r) => r.dead === 0)?.n ?? 0, dead: rows.find((r) => r.dead === 1)?.n ?? 0 };
  }
}
