import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { ownerOnlyFile, ownerOnlyFolder, tightenIfPresent } from './owner-only';

/**
 * The gateway's local SQLite file (single node), for repositories only
 * (issue 18 §1): each owning module keeps its own tables in it through its
 * repository; nothing else opens or reads it. Owner-only (it holds the token
 * signing key, dialer tokens, refresh-token hashes), WAL, so a restart finds
 * everything a panel needs to resume; writes that may wait (event appends,
 * IVR signatures) are batched into one transaction per tick to keep hot
 * paths cheap.
 */
export class SqliteStorage {
  private readonly db: DatabaseSync;
  private pending: (() => void)[] = [];
  private flushScheduled = false;
  private flushTimer: NodeJS.Timeout | undefined;

  /** `directory` holds gateway.sqlite; ':memory:' for tests. */
  constructor(directory: string | ':memory:') {
    const file = directory === ':memory:' ? ':memory:' : join(directory, 'gateway.sqlite');
    const siblings = [`${file}-wal`, `${file}-shm`, `${file}-journal`];
    if (file !== ':memory:') {
      // Owner-only before SQLite opens it: its -wal and -shm are created with the database's mode.
      ownerOnlyFolder(directory);
      ownerOnlyFile(file);
      tightenIfPresent(siblings);
    }
    this.db = new DatabaseSync(file);
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 2000;');
    if (file !== ':memory:') tightenIfPresent(siblings);
  }

  /** Creates a repository's tables (idempotent DDL). */
  exec(sql: string): void {
    this.db.exec(sql);
  }

  prepare(sql: string): StatementSync {
    return this.db.prepare(sql);
  }

  /** The column names of `table` (empty when it does not exist): for columns added after a release. */
  columns(table: string): Set<string> {
    return new Set(
      (this.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name),
    );
  }

  /** Runs `work` in one transaction (after what is queued, so writes keep their order). */
  transaction<T>(work: () => T): T {
    this.flush();
    this.db.exec('BEGIN');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /**
   * Queues a write for the batch at the end of this tick, or within
   * `withinMs` when it can wait (a clean stop writes it; a crash loses at
   * most the last `withinMs`). Reads that must see it call flush() first.
   */
  enqueue(work: () => void, withinMs = 0): void {
    this.pending.push(work);
    if (this.flushScheduled) return;
    if (withinMs > 0) {
      this.flushTimer ??= setTimeout(() => this.flush(), withinMs).unref();
      return;
    }
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /** Writes everything queued, in one transaction. */
  flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const work = this.pending;
    if (work.length === 0) return;
    this.pending = [];
    this.db.exec('BEGIN');
    try {
      for (const w of work) w();
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  close(): void {
    this.flush();
    this.db.close();
  }
}
