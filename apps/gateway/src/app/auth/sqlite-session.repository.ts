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

/** Sessions in the node's SQLite file: one row each, the session as JSON. */
@Injectable()
export class SqliteSessionRepository extends SessionRepository {
  private readonly s: Record<'put' | 'delete' | 'all', StatementSync>;

  constructor(storage: SqliteStorage) {
    super();
    storage.exec(SCHEMA);
    this.s = {
      put: storage.prepare(
        'INSERT INTO session (session_id, agent_id, data, refresh_hash) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (session_id) DO UPDATE SET data = excluded.data, refresh_hash = excluded.refresh_hash',
      ),
      delete: storage.prepare('DELETE FROM session WHERE session_id = ?'),
      all: storage.prepare('SELECT data FROM session'),
    };
  }

  put(session: StoredSession): void {
    this.s.put.run(session.sessionId, session.agentId, JSON.stringify(session), session.refreshHash);
  }

  delete(sessionId: string): void {
    this.s.delete.run(sessionId);
  }

  all(): StoredSession[] {
    return (this.s.all.all() as { data: string }[]).map((r) => JSON.parse(r.data) as StoredSession);
  }
}
