import { Injectable } from '@nestjs/common';
import type { MonitorAuditEntry, MonitorAuditQuery } from '@puente/contracts';
import type { StatementSync } from 'node:sqlite';
import { SqliteStorage } from '../store/sqlite-storage';
import { MonitorAuditRepository } from './monitor-audit.repository';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS monitor_audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, supervisor_id TEXT NOT NULL,
    supervisor_user TEXT NOT NULL, target_agent_id TEXT NOT NULL, action TEXT NOT NULL,
    mode TEXT, outcome TEXT NOT NULL, message TEXT);
  CREATE INDEX IF NOT EXISTS monitor_audit_supervisor ON monitor_audit (supervisor_id, id);
  CREATE INDEX IF NOT EXISTS monitor_audit_target ON monitor_audit (target_agent_id, id);
`;

interface Row {
  id: number;
  at: string;
  supervisor_id: string;
  supervisor_user: string;
  target_agent_id: string;
  action: MonitorAuditEntry['action'];
  mode: MonitorAuditEntry['mode'];
  outcome: string;
  message: string | null;
}

/** The monitoring audit in its own table of the node's SQLite file, each entry written at once. */
@Injectable()
export class SqliteMonitorAuditRepository extends MonitorAuditRepository {
  private readonly insert: StatementSync;

  constructor(private readonly storage: SqliteStorage) {
    super();
    storage.exec(SCHEMA);
    this.insert = storage.prepare(
      'INSERT INTO monitor_audit (at, supervisor_id, supervisor_user, target_agent_id, action, mode, outcome, message) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  async record(entry: Omit<MonitorAuditEntry, 'id'>): Promise<MonitorAuditEntry> {
    const result = this.insert.run(
      entry.at,
      entry.supervisorId,
      entry.supervisorUser,
      entry.targetAgentId,
      entry.action,
      entry.mode,
      entry.outcome,
      entry.message,
    );
    return { ...entry, id: Number(result.lastInsertRowid) };
  }

  /** Newest first. */
  async list(query: MonitorAuditQuery): Promise<MonitorAuditEntry[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.supervisorId) {
      where.push('supervisor_id = ?');
      params.push(query.supervisorId);
    }
    if (query.agentId) {
      where.push('target_agent_id = ?');
      params.push(query.agentId);
    }
    if (query.before) {
      where.push('id < ?');
      params.push(query.before);
    }
    const sql =
      'SELECT * FROM monitor_audit' +
      (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
      ' ORDER BY id DESC LIMIT ?';
    const rows = this.storage.prepare(sql).all(...params, query.limit) as unknown as Row[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      supervisorId: r.supervisor_id,
      supervisorUser: r.supervisor_user,
      targetAgentId: r.target_agent_id,
      action: r.action,
      mode: r.mode,
      outcome: r.outcome,
      message: r.message,
    }));
  }
}
