import { Injectable } from '@nestjs/common';
import type { StatementSync } from 'node:sqlite';
import { SqliteStorage } from '../store/sqlite-storage';
import { SessionRepository, type StoredSession } from './session.repository';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS session (
    session_id TEXT PRIMARY KEY, agent_id TEXT NOT NULL, data TEXT NOT NULL, refresh_hash TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS session_agent ON session (agent_id);
  CREATE UNIQUE INDEX IF NOT EXISTS session_refresh ON session (refresh_hash);
`;

type Statement = 'put' | 'get' | 'byRefresh' | 'byAgent' | 'rotate' | 'delete' | 'all';

/** Sessions in the node's SQLite file: one row each, the session as JSON. */
@Injectable()
export class SqliteSessionRepository extends SessionRepository {
  readonly shared = false;
  private readonly s: Record<Statement, StatementSync>;

  constructor(storage: SqliteStorage) {
    super();
    storage.exec(SCHEMA);
    this.s = {
      put: storage.prepare(
        'INSERT INTO session (session_id, agent_id, data, refresh_hash) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (session_id) DO UPDATE SET data = excluded.data, refresh_hash = excluded.refresh_hash',
      ),
      get: storage.prepare('SELECT data FROM session WHERE session_id = ?'),
      byRefresh: storage.prepare('SELECT data FROM session WHERE refresh_hash = ?'),
      byAgent: storage.prepare('SELECT data FROM session WHERE agent_id = ? ORDER BY rowid DESC LIMIT 1'),
      rotate: storage.prepare(
        "UPDATE session SET refresh_hash = ?, data = json_set(data, '$.refreshHash', ?) " +
          'WHERE session_id = ? AND refresh_hash = ?',
      ),
      delete: storage.prepare('DELETE FROM session WHERE session_id = ?'),
      all: storage.prepare('SELECT data FROM session'),
    };
  }

  async put(session: StoredSession): Promise<void> {
    this.s.put.run(session.sessionId, session.agentId, JSON.stringify(session), session.refreshHash);
  }

  async get(sessionId: string): Promise<StoredSession | undefined> {
    return parse(this.s.get.get(sessionId));
  }

  async byRefresh(refreshHash: string): Promise<StoredSession | undefined> {
    return parse(this.s.byRefresh.get(refreshHash));
  }

  async byAgent(agentId: string): Promise<StoredSession | undefined> {
    return parse(this.s.byAgent.get(agentId));
  }

  async rotate(sessionId: string, from: string, to: string): Promise<boolean> {
    return Number(this.s.rotate.run(to, to, sessionId, from).changes) === 1;
  }

  async delete(sessionId: string): Promise<boolean> {
    return Number(this.s.delete.run(sessionId).changes) === 1;
  }

  async all(): Promise<StoredSession[]> {
    return (this.s.all.all() as { data: string }[]).map((r) => JSON.parse(r.data) as StoredSession);
  }
}

function parse(row: unknown): StoredSession | undefined {
  return row ? (JSON.parse((row as { data: string }).data) as StoredSession) : undefined;
}
