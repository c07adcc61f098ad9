import type { StatementSync } from 'node:sqlite';
import type { SqliteStorage } from '../../store/sqlite-storage';
import type { AttemptCount, AttemptStore } from './attempt-store';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS attempt_counter (
    key TEXT PRIMARY KEY, hits INTEGER NOT NULL, window_ends INTEGER NOT NULL,
    blocked_until INTEGER NOT NULL) WITHOUT ROWID;
`;

interface Row {
  hits: number;
  window_ends: number;
  blocked_until: number;
}

const SWEEP_EVERY = 200;

/**
 * AttemptStore in the gateway's SQLite (one node): lock-outs survive a
 * restart. Each hit is one synchronous read and write, so two requests of
 * the same tick cannot both slip under a limit.
 */
export class SqliteAttemptStore implements AttemptStore {
  private readonly statements: Record<'get' | 'put' | 'delete' | 'sweep', StatementSync>;
  private hitsSinceSweep = 0;

  constructor(
    db: SqliteStorage,
    private readonly now: () => number = Date.now,
  ) {
    db.exec(SCHEMA);
    this.statements = {
      get: db.prepare('SELECT hits, window_ends, blocked_until FROM attempt_counter WHERE key = ?'),
      put: db.prepare(
        'INSERT INTO attempt_counter (key, hits, window_ends, blocked_until) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (key) DO UPDATE SET hits = excluded.hits, window_ends = excluded.window_ends, ' +
          'blocked_until = excluded.blocked_until',
      ),
      delete: db.prepare('DELETE FROM attempt_counter WHERE key = ?'),
      sweep: db.prepare('DELETE FROM attempt_counter WHERE window_ends <= ? AND blocked_until <= ?'),
    };
  }

  hit(key: string, windowMs: number, limit: number, blockMs: number): Promise<AttemptCount> {
    const now = this.now();
    this.sweepNow(now);
    const row = this.row(key);
    if (row && row.blocked_until > now) return Promise.resolve(count(row, now));
    const fresh = !row || row.window_ends <= now || row.blocked_until > 0;
    const hits = (fresh ? 0 : row.hits) + 1;
    const windowEnds = fresh ? now + windowMs : row.window_ends;
    const blockedUntil = hits > limit ? now + blockMs : 0;
    this.statements.put.run(key, hits, windowEnds, blockedUntil);
    return Promise.resolve(count({ hits, window_ends: windowEnds, blocked_until: blockedUntil }, now));
  }

  peek(key: string): Promise<AttemptCount> {
    const now = this.now();
    const row = this.row(key);
    const live = row && (row.blocked_until > now || row.window_ends > now) ? row : undefined;
    return Promise.resolve(live ? count(live, now) : { hits: 0, blockedForMs: 0, resetsInMs: 0 });
  }

  clear(key: string): Promise<boolean> {
    const row = this.row(key);
    this.statements.delete.run(key);
    return Promise.resolve(!!row && row.blocked_until > this.now());
  }

  private row(key: string): Row | undefined {
    return this.statements.get.get(key) as Row | undefined;
  }

  /** Expired counters go now and then, with a hit, rather than on a timer. */
  private sweepNow(now: number): void {
    if (++this.hitsSinceSweep < SWEEP_EVERY) return;
    this.hitsSinceSweep = 0;
    this.statements.sweep.run(now, now);
  }
}

function count(row: Row, now: number): AttemptCount {
  return {
    hits: row.hits,
    blockedForMs: Math.max(0, row.blocked_until - now),
    resetsInMs: Math.max(0, row.window_ends - now),
  };
}
