import { Injectable } from '@nestjs/common';
import type { StatementSync } from 'node:sqlite';
import { SqliteStorage } from '../../store/sqlite-storage';
import {
  CALL_JOURNAL_RETENTION_MS,
  CallJournalRepository,
  type EndedCall,
  type JournalEntry,
  type ReleaseOutcome,
} from './call-journal.repository';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS call_journal (
    call_id TEXT PRIMARY KEY, agent_id TEXT NOT NULL, contact_id TEXT, crm_id TEXT,
    dial_note TEXT, wrap_up_note TEXT, ended TEXT, ended_at INTEGER, released TEXT,
    done INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS call_journal_agent ON call_journal (agent_id, contact_id, ended_at);
  CREATE INDEX IF NOT EXISTS call_journal_age ON call_journal (created_at);
`;

interface Row {
  call_id: string;
  agent_id: string;
  contact_id: string | null;
  crm_id: string | null;
  dial_note: string | null;
  wrap_up_note: string | null;
  ended: string | null;
  ended_at: number | null;
  released: string | null;
  done: number;
}

/**
 * The call journal's own table in the node's SQLite file: one row per
 * call an agent handled, from the dial (its note, B2) or its end (what its
 * Task is built from: the call, its CRM ids, the agent) to the release (the
 * outcome) and the Task's completion. Everything the journal knew only in
 * memory before, so a categorise after a gateway restart (graceful or
 * SIGKILL) still finishes the right call's Task and reaches the dialer with
 * the right call id. Each write is one statement, durable when it returns
 * (the promise only carries the answer);
 * rows older than CALL_JOURNAL_RETENTION_MS are dropped as new calls end.
 */
@Injectable()
export class SqliteCallJournalRepository extends CallJournalRepository {
  private readonly s: Record<string, StatementSync>;

  constructor(db: SqliteStorage) {
    super();
    db.exec(SCHEMA);
    const columns =
      'call_id, agent_id, contact_id, crm_id, dial_note, wrap_up_note, ended, ended_at, released, done';
    this.s = {
      get: db.prepare(`SELECT ${columns} FROM call_journal WHERE call_id = ?`),
      dialNote: db.prepare(
        'INSERT INTO call_journal (call_id, agent_id, dial_note, created_at) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (call_id) DO UPDATE SET dial_note = excluded.dial_note',
      ),
      ended: db.prepare(
        'INSERT INTO call_journal (call_id, agent_id, contact_id, crm_id, ended, ended_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ' +
          'ON CONFLICT (call_id) DO UPDATE SET agent_id = excluded.agent_id, ' +
          'contact_id = coalesce(excluded.contact_id, contact_id), crm_id = coalesce(excluded.crm_id, crm_id), ' +
          'ended = excluded.ended, ended_at = coalesce(ended_at, excluded.ended_at)',
      ),
      wrapUpNote: db.prepare(
        'INSERT INTO call_journal (call_id, agent_id, contact_id, wrap_up_note, created_at) VALUES (?, ?, ?, ?, ?) ' +
          'ON CONFLICT (call_id) DO UPDATE SET wrap_up_note = excluded.wrap_up_note, ' +
          'contact_id = coalesce(contact_id, excluded.contact_id)',
      ),
      lastWithContact: db.prepare(
        `SELECT ${columns} FROM call_journal WHERE agent_id = ? AND contact_id = ? AND ended_at IS NOT NULL ` +
          'AND released IS NULL ORDER BY ended_at DESC LIMIT 1',
      ),
      open: db.prepare(
        `SELECT ${columns} FROM call_journal WHERE agent_id = ? AND contact_id = ? AND released IS NULL AND done = 0`,
      ),
      release: db.prepare('UPDATE call_journal SET released = ? WHERE call_id = ? AND released IS NULL'),
      unfinished: db.prepare(
        `SELECT ${columns} FROM call_journal WHERE released IS NOT NULL AND done = 0 ORDER BY ended_at`,
      ),
      finish: db.prepare('UPDATE call_journal SET done = 1 WHERE call_id = ?'),
      expire: db.prepare('DELETE FROM call_journal WHERE created_at < ?'),
    };
  }

  async get(callId: string): Promise<JournalEntry | undefined> {
    const row = this.s.get.get(callId) as Row | undefined;
    return row && toEntry(row);
  }

  /** The note typed when dialling by hand (B2), kept until the call's Task is written. */
  async rememberDialNote(callId: string, agentId: string, note: string, now = Date.now()): Promise<void> {
    this.s.dialNote.run(callId, agentId, note, now);
  }

  /** The call ended: what its Task is built from. Also drops entries past the retention window. */
  async rememberEnded(
    entry: { callId: string; agentId: string; contactId: string | null; crmId: string | null },
    ended: EndedCall,
    now = Date.now(),
  ): Promise<void> {
    this.s.expire.run(now - CALL_JOURNAL_RETENTION_MS);
    this.s.ended.run(
      entry.callId,
      entry.agentId,
      entry.contactId,
      entry.crmId,
      JSON.stringify(ended),
      now,
      now,
    );
  }

  /** What the agent wrote in wrap-up, recorded before the dialer is asked, so no answer can outrun it. */
  async rememberWrapUpNote(
    callId: string,
    agentId: string,
    contactId: string,
    note: string | null,
    now = Date.now(),
  ): Promise<void> {
    this.s.wrapUpNote.run(callId, agentId, contactId, note, now);
  }

  /**
   * The agent's most recent ended call with this contact still on screen
   * (not released): the one a wrap-up without a call id is for. A call of an
   * earlier, finished piece of work never is.
   */
  async lastCallWith(agentId: string, contactId: string): Promise<JournalEntry | undefined> {
    const row = this.s.lastWithContact.get(agentId, contactId) as Row | undefined;
    return row && toEntry(row);
  }

  /**
   * Records how the contact left the screen on every call of the agent with
   * it that was still open; returns those entries. Recorded first, so a crash
   * before their Tasks are completed is finished at the next start.
   */
  async release(agentId: string, contactId: string, outcome: ReleaseOutcome): Promise<JournalEntry[]> {
    const open = (this.s.open.all(agentId, contactId) as unknown as Row[]).map(toEntry);
    const json = JSON.stringify(outcome);
    for (const entry of open) this.s.release.run(json, entry.callId);
    return open.map((e) => ({ ...e, released: outcome }));
  }

  /** Released calls whose Task completion has not been queued yet (a crash in between). */
  async unfinished(): Promise<JournalEntry[]> {
    return (this.s.unfinished.all() as unknown as Row[]).map(toEntry);
  }

  async finish(callId: string): Promise<void> {
    this.s.finish.run(callId);
  }
}

function toEntry(row: Row): JournalEntry {
  return {
    callId: row.call_id,
    agentId: row.agent_id,
    contactId: row.contact_id,
    crmId: row.crm_id,
    dialNote: row.dial_note,
    wrapUpNote: row.wrap_up_note,
    ended: row.ended ? (JSON.parse(row.ended) as EndedCall) : null,
    endedAt: row.ended_at,
    released: row.released ? (JSON.parse(row.released) as ReleaseOutcome) : null,
    done: row.done === 1,
  };
}
