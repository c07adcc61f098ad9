import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { AgentEvent, AgentState, Role } from '@puente/contracts';
import { ownerOnlyFile, ownerOnlyFolder, tightenIfPresent } from './owner-only';

/** A gateway session: who is logged in where, and the dialer token that acts for them. */
export interface StoredSession {
  sessionId: string;
  agentId: string;
  user: string;
  displayName: string;
  email: string | null;
  device: string;
  roles: Role[];
  /** The dialer's session token: a credential, never logged or sent to the panel. */
  dialerToken: string;
  refreshHash: string;
  refreshExpiresAt: number;
  createdAt: number;
  /** The panel's language tag and IANA time zone: how dates written for the agent read (issue 16 §2.9). */
  locale?: string;
  timeZone?: string;
}

export interface StoredStream {
  agentId: string;
  seq: number;
  dialerSeq: number;
  state: AgentState;
}

export interface IdempotencyRecord {
  requestHash: string;
  status: number;
  body: unknown;
  createdAt: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS session (
    session_id TEXT PRIMARY KEY, agent_id TEXT NOT NULL, data TEXT NOT NULL, refresh_hash TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS session_agent ON session (agent_id);
  CREATE UNIQUE INDEX IF NOT EXISTS session_refresh ON session (refresh_hash);
  CREATE TABLE IF NOT EXISTS agent_stream (
    agent_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, dialer_seq INTEGER NOT NULL, state TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS agent_event (
    agent_id TEXT NOT NULL, seq INTEGER NOT NULL, event TEXT NOT NULL, PRIMARY KEY (agent_id, seq)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS idempotency (
    scope TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, status INTEGER NOT NULL,
    body TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (scope, key)) WITHOUT ROWID;
`;

/**
 * The gateway's local store (single node): sessions, each agent's event
 * stream position, state and recent events, and remembered command results.
 * SQLite in WAL mode, so a restart finds everything a panel needs to resume
 * and nothing is written twice. Event appends are batched into one
 * transaction per tick to keep the event path cheap.
 */
export class GatewayStore {
  private readonly db: DatabaseSync;
  private readonly statements: Record<string, StatementSync>;
  private pending: (() => void)[] = [];
  private flushScheduled = false;
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(
    directory: string | ':memory:',
    private readonly eventsPerAgent: number,
  ) {
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
    this.db.exec(SCHEMA);
    if (file !== ':memory:') tightenIfPresent(siblings);
    const s = (sql: string) => this.db.prepare(sql);
    this.statements = {
      kvGet: s('SELECT value FROM kv WHERE key = ?'),
      kvDelete: s('DELETE FROM kv WHERE key = ?'),
      kvSet: s(
        'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      sessionPut: s(
        'INSERT INTO session (session_id, agent_id, data, refresh_hash) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (session_id) DO UPDATE SET data = excluded.data, refresh_hash = excluded.refresh_hash',
      ),
      sessionDelete: s('DELETE FROM session WHERE session_id = ?'),
      sessionAll: s('SELECT data FROM session'),
      streamPut: s(
        'INSERT INTO agent_stream (agent_id, seq, dialer_seq, state) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (agent_id) DO UPDATE SET seq = excluded.seq, dialer_seq = excluded.dialer_seq, state = excluded.state',
      ),
      streamGet: s('SELECT seq, dialer_seq, state FROM agent_stream WHERE agent_id = ?'),
      eventPut: s('INSERT OR REPLACE INTO agent_event (agent_id, seq, event) VALUES (?, ?, ?)'),
      eventTrim: s('DELETE FROM agent_event WHERE agent_id = ? AND seq <= ?'),
      eventsAfter: s('SELECT event FROM agent_event WHERE agent_id = ? AND seq > ? ORDER BY seq'),
      idemGet: s(
        'SELECT request_hash, status, body, created_at FROM idempotency WHERE scope = ? AND key = ?',
      ),
      idemPut: s(
        'INSERT OR REPLACE INTO idempotency (scope, key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      idemExpire: s('DELETE FROM idempotency WHERE created_at < ?'),
      idemExpireScope: s('DELETE FROM idempotency WHERE scope = ? AND created_at < ?'),
      idemKeysSince: s(
        'SELECT key, created_at FROM idempotency WHERE scope = ? AND created_at >= ? ORDER BY created_at',
      ),
    };
  }

  /** The same database, for stores of other modules (the CRM outbox) that keep their own tables. */
  get database(): DatabaseSync {
    return this.db;
  }

  getValue(key: string): string | undefined {
    return (this.statements.kvGet.get(key) as { value: string } | undefined)?.value;
  }

  setValue(key: string, value: string): void {
    this.statements.kvSet.run(key, value);
  }

  deleteValue(key: string): void {
    this.statements.kvDelete.run(key);
  }

  putSession(session: StoredSession): void {
    this.statements.sessionPut.run(
      session.sessionId,
      session.agentId,
      JSON.stringify(session),
      session.refreshHash,
    );
  }

  deleteSession(sessionId: string): void {
    this.statements.sessionDelete.run(sessionId);
    // What the session's panel read from Salesforce (issue 17 §2) ends with it.
    this.deleteValue(`salesforce-settings:${sessionId}`);
  }

  sessions(): StoredSession[] {
    return (this.statements.sessionAll.all() as { data: string }[]).map(
      (r) => JSON.parse(r.data) as StoredSession,
    );
  }

  stream(agentId: string): StoredStream | undefined {
    const row = this.statements.streamGet.get(agentId) as
      { seq: number; dialer_seq: number; state: string } | undefined;
    return row
      ? { agentId, seq: row.seq, dialerSeq: row.dialer_seq, state: JSON.parse(row.state) as AgentState }
      : undefined;
  }

  /** Records new events and the stream position they lead to; written with the next batch. */
  appendEvents(stream: StoredStream, events: readonly AgentEvent[]): void {
    const state = JSON.stringify(stream.state);
    const rows = events.map((e) => [e.seq, JSON.stringify(e)] as const);
    const trimBelow = stream.seq - this.eventsPerAgent;
    this.enqueue(() => {
      for (const [seq, json] of rows) this.statements.eventPut.run(stream.agentId, seq, json);
      this.statements.streamPut.run(stream.agentId, stream.seq, stream.dialerSeq, state);
      if (trimBelow > 0) this.statements.eventTrim.run(stream.agentId, trimBelow);
    });
  }

  /** The kept events after `seq`, in order (older ones may have been trimmed: check continuity). */
  eventsAfter(agentId: string, seq: number): AgentEvent[] {
    this.flush();
    return (this.statements.eventsAfter.all(agentId, seq) as { event: string }[]).map(
      (r) => JSON.parse(r.event) as AgentEvent,
    );
  }

  idempotency(scope: string, key: string): IdempotencyRecord | undefined {
    const row = this.statements.idemGet.get(scope, key) as
      { request_hash: string; status: number; body: string; created_at: number } | undefined;
    return row
      ? {
          requestHash: row.request_hash,
          status: row.status,
          body: JSON.parse(row.body) as unknown,
          createdAt: row.created_at,
        }
      : undefined;
  }

  rememberIdempotency(scope: string, key: string, record: IdempotencyRecord): void {
    this.statements.idemPut.run(
      scope,
      key,
      record.requestHash,
      record.status,
      JSON.stringify(record.body),
      record.createdAt,
    );
  }

  /**
   * Like rememberIdempotency, but written with a later batch, within
   * `withinMs` (0: this tick's): for hot paths that keep their own memory of
   * the keys and only need them to survive a restart (IVR signatures). A
   * clean stop writes them all; a crash loses at most the last `withinMs`.
   */
  rememberIdempotencyLater(scope: string, key: string, record: IdempotencyRecord, withinMs = 0): void {
    const body = JSON.stringify(record.body);
    this.enqueue(
      () =>
        this.statements.idemPut.run(scope, key, record.requestHash, record.status, body, record.createdAt),
      withinMs,
    );
  }

  /** The keys of `scope` remembered at or after `since` (ms), oldest first. */
  idempotencyKeysSince(scope: string, since: number): { key: string; createdAt: number }[] {
    this.flush();
    return (this.statements.idemKeysSince.all(scope, since) as { key: string; created_at: number }[]).map(
      (r) => ({ key: r.key, createdAt: r.created_at }),
    );
  }

  /**
   * Forgets remembered results older than `olderThan` (ms): all of them, or
   * one scope's. A scope written with rememberIdempotencyLater is expired in
   * the same batch, after its queued writes, so none of them outlives it.
   */
  expireIdempotency(olderThan: number, scope?: string): void {
    if (scope === undefined) this.statements.idemExpire.run(olderThan);
    else this.enqueue(() => this.statements.idemExpireScope.run(scope, olderThan));
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

  /** Queues a write for the batch at the end of this tick, or within `withinMs` when it can wait. */
  private enqueue(work: () => void, withinMs = 0): void {
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
}
