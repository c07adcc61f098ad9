import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SqliteSessionRepository } from '../auth/sqlite-session.repository';
import { SqliteSigningKeyRepository } from '../auth/sqlite-signing-key.repository';
import { SqliteSettingsRepository } from '../call-center/sqlite-settings.repository';
import { SqliteIdempotencyRepository } from '../commands/sqlite-idempotency.repository';
import { SqliteAgentEventLog } from '../events/sqlite-agent-event-log';
import { SqliteMissedCallsCursorStore } from '../inbound/sqlite-missed-calls-cursor.store';
import { SqliteIvrSignatureStore } from '../ivr/sqlite-ivr-signature.store';
import { SqliteStorage } from './sqlite-storage';

/** The schema of the gateway store before issue 18, as its first release wrote it (no dialer_epoch/instance). */
const OLD_SCHEMA = `
  CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE session (
    session_id TEXT PRIMARY KEY, agent_id TEXT NOT NULL, data TEXT NOT NULL, refresh_hash TEXT NOT NULL);
  CREATE INDEX session_agent ON session (agent_id);
  CREATE UNIQUE INDEX session_refresh ON session (refresh_hash);
  CREATE TABLE agent_stream (agent_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, dialer_seq INTEGER NOT NULL, state TEXT NOT NULL);
  CREATE TABLE agent_event (
    agent_id TEXT NOT NULL, seq INTEGER NOT NULL, event TEXT NOT NULL, PRIMARY KEY (agent_id, seq)) WITHOUT ROWID;
  CREATE TABLE idempotency (
    scope TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, status INTEGER NOT NULL,
    body TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (scope, key)) WITHOUT ROWID;
`;

const session = {
  sessionId: 's-1',
  agentId: '7',
  user: 'ana',
  displayName: 'Ana',
  email: null,
  device: '2001',
  roles: ['agent'],
  dialerToken: 'dialer-token',
  refreshHash: 'h-1',
  refreshExpiresAt: 2_000_000_000_000,
  createdAt: 1_000,
};

/**
 * Issue 18 §1: a state folder written by an earlier version opens with the
 * repositories, each taking its rows out of the old `kv` table (and the IVR
 * signatures out of the command idempotency table) into its own.
 */
describe('a gateway.sqlite from before issue 18', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'legacy-store-'));
    const old = new DatabaseSync(join(dir, 'gateway.sqlite'));
    old.exec(OLD_SCHEMA);
    const kv = old.prepare('INSERT INTO kv (key, value) VALUES (?, ?)');
    kv.run('token-key', JSON.stringify({ kid: 'local-abc', secret: 's3cret' }));
    kv.run('token-secret', 'pre-kid secret');
    kv.run('inbound.missedCalls.cursor', JSON.stringify({ epoch: 'run-1', after: 42 }));
    kv.run('settings:ana', JSON.stringify({ width: 300, height: 500, autoMinimize: false, locale: 'es' }));
    kv.run('salesforce-settings:s-1', JSON.stringify({ callCenter: null, softphoneLayout: null }));
    old.prepare('INSERT INTO session VALUES (?, ?, ?, ?)').run('s-1', '7', JSON.stringify(session), 'h-1');
    old
      .prepare('INSERT INTO agent_stream VALUES (?, ?, ?, ?)')
      .run('7', 3, 40, JSON.stringify({ agentId: '7' }));
    old.prepare('INSERT INTO agent_event VALUES (?, ?, ?)').run('7', 3, JSON.stringify({ seq: 3 }));
    const idem = old.prepare('INSERT INTO idempotency VALUES (?, ?, ?, ?, ?, ?)');
    idem.run('7', 'key-1', 'hash-1', 200, JSON.stringify({ ok: true }), 5_000);
    idem.run('ivr-signature', 'v1=aa', 'ivr-1', 0, 'null', 6_000);
    old.close();
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens with every repository, the kv rows moved into their owners’ tables and kv dropped', async () => {
    const storage = new SqliteStorage(dir);
    expect(new SqliteSigningKeyRepository(storage).generated()).toEqual({
      kid: 'local-abc',
      secret: 's3cret',
    });
    expect(await new SqliteMissedCallsCursorStore(storage).load()).toEqual({ epoch: 'run-1', after: 42 });
    const settings = new SqliteSettingsRepository(storage);
    expect(await settings.panelSettings('ana')).toEqual({
      width: 300,
      height: 500,
      autoMinimize: false,
      locale: 'es',
    });
    expect(await settings.salesforceSettings('s-1')).toEqual({ callCenter: null, softphoneLayout: null });
    expect(await new SqliteSessionRepository(storage).all()).toEqual([session]);
    const log = new SqliteAgentEventLog(storage, 100);
    expect(log.stream('7')).toEqual({
      agentId: '7',
      seq: 3,
      dialerSeq: 40,
      dialerEpoch: null,
      dialerInstanceId: null,
      state: { agentId: '7' },
    });
    expect(log.eventsAfter('7', 0)).toEqual([{ seq: 3 }]);
    const ivr = new SqliteIvrSignatureStore(storage);
    expect(ivr.seenSince(0)).toEqual([{ signature: 'v1=aa', seenAt: 6_000 }]);
    const idempotency = new SqliteIdempotencyRepository(storage);
    expect(await idempotency.find('7', 'key-1')).toEqual({
      fingerprint: 'hash-1',
      status: 200,
      body: { ok: true },
      createdAt: 5_000,
    });
    expect(await idempotency.find('ivr-signature', 'v1=aa')).toBeUndefined();
    expect(storage.columns('kv').size).toBe(0);
    storage.close();
  });

  it('keeps what it moved across the next start (the migration runs once)', async () => {
    const first = new SqliteStorage(dir);
    new SqliteSigningKeyRepository(first);
    new SqliteSettingsRepository(first);
    first.close();
    const again = new SqliteStorage(dir);
    expect(new SqliteSigningKeyRepository(again).generated()?.kid).toBe('local-abc');
    expect(await new SqliteSettingsRepository(again).panelSettings('ana')).toMatchObject({ width: 300 });
    // Not opened by its owner yet: the cursor still waits in kv, which is kept for it.
    expect(again.prepare('SELECT key FROM kv').all()).toEqual([{ key: 'inbound.missedCalls.cursor' }]);
    expect(await new SqliteMissedCallsCursorStore(again).load()).toEqual({ epoch: 'run-1', after: 42 });
    expect(again.columns('kv').size).toBe(0);
    again.close();
  });
});
