import { Injectable } from '@nestjs/common';
import type { AgentEvent, AgentState } from '@puente/contracts';
import type { StatementSync } from 'node:sqlite';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { SqliteStorage } from '../store/sqlite-storage';
import { AgentEventLog, type StoredStream } from './agent-event-log';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS agent_stream (
    agent_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, dialer_seq INTEGER NOT NULL, state TEXT NOT NULL,
    dialer_epoch TEXT, dialer_instance TEXT);
  CREATE TABLE IF NOT EXISTS agent_event (
    agent_id TEXT NOT NULL, seq INTEGER NOT NULL, event TEXT NOT NULL, PRIMARY KEY (agent_id, seq)) WITHOUT ROWID;
`;

interface StreamRow {
  seq: number;
  dialer_seq: number;
  dialer_epoch: string | null;
  dialer_instance: string | null;
  state: string;
}

/**
 * The event log in the node's SQLite file: `agent_stream` (one row per
 * agent) and `agent_event` (trimmed to the last EVENT_BUFFER_SIZE per
 * agent). Appends go into the storage's batch at the end of the tick, so the
 * event path costs one transaction per tick, not one per event.
 */
@Injectable()
export class SqliteAgentEventLog extends AgentEventLog {
  private readonly s: Record<
    'streamPut' | 'streamGet' | 'eventPut' | 'eventTrim' | 'eventsAfter',
    StatementSync
  >;

  constructor(
    private readonly storage: SqliteStorage,
    private readonly eventsPerAgent: number,
  ) {
    super();
    storage.exec(SCHEMA);
    // Columns added after the first release: a state folder from before gets them, empty (issue 15 §1).
    const columns = storage.columns('agent_stream');
    if (!columns.has('dialer_epoch')) storage.exec('ALTER TABLE agent_stream ADD COLUMN dialer_epoch TEXT');
    if (!columns.has('dialer_instance'))
      storage.exec('ALTER TABLE agent_stream ADD COLUMN dialer_instance TEXT');
    this.s = {
      streamPut: storage.prepare(
        'INSERT INTO agent_stream (agent_id, seq, dialer_seq, dialer_epoch, dialer_instance, state) VALUES (?, ?, ?, ?, ?, ?) ' +
          'ON CONFLICT (agent_id) DO UPDATE SET seq = excluded.seq, dialer_seq = excluded.dialer_seq, ' +
          'dialer_epoch = excluded.dialer_epoch, dialer_instance = excluded.dialer_instance, state = excluded.state',
      ),
      streamGet: storage.prepare(
        'SELECT seq, dialer_seq, dialer_epoch, dialer_instance, state FROM agent_stream WHERE agent_id = ?',
      ),
      eventPut: storage.prepare('INSERT OR REPLACE INTO agent_event (agent_id, seq, event) VALUES (?, ?, ?)'),
      eventTrim: storage.prepare('DELETE FROM agent_event WHERE agent_id = ? AND seq <= ?'),
      eventsAfter: storage.prepare(
        'SELECT event FROM agent_event WHERE agent_id = ? AND seq > ? ORDER BY seq',
      ),
    };
  }

  stream(agentId: string): StoredStream | undefined {
    const row = this.s.streamGet.get(agentId) as StreamRow | undefined;
    return row
      ? {
          agentId,
          seq: row.seq,
          dialerSeq: row.dialer_seq,
          dialerEpoch: row.dialer_epoch,
          dialerInstanceId: row.dialer_instance,
          state: JSON.parse(row.state) as AgentState,
        }
      : undefined;
  }

  append(stream: StoredStream, events: readonly AgentEvent[]): void {
    // Copied now: the caller goes on changing its stream object before the batch is written.
    const { agentId, seq, dialerSeq, dialerEpoch, dialerInstanceId } = stream;
    const state = JSON.stringify(stream.state);
    const rows = events.map((e) => [e.seq, JSON.stringify(e)] as const);
    const trimBelow = seq - this.eventsPerAgent;
    this.storage.enqueue(() => {
      for (const [eventSeq, json] of rows) this.s.eventPut.run(agentId, eventSeq, json);
      this.s.streamPut.run(agentId, seq, dialerSeq, dialerEpoch, dialerInstanceId, state);
      if (trimBelow > 0) this.s.eventTrim.run(agentId, trimBelow);
    });
  }

  eventsAfter(agentId: string, seq: number): AgentEvent[] {
    this.storage.flush();
    return (this.s.eventsAfter.all(agentId, seq) as { event: string }[]).map(
      (r) => JSON.parse(r.event) as AgentEvent,
    );
  }
}

/** The provider: EVENT_BUFFER_SIZE events kept per agent. */
export const sqliteAgentEventLogProvider = {
  provide: AgentEventLog,
  inject: [SqliteStorage, GATEWAY_CONFIG],
  useFactory: (storage: SqliteStorage, config: GatewayConfig) =>
    new SqliteAgentEventLog(storage, config.EVENT_BUFFER_SIZE),
};
