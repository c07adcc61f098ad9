import { Logger } from '@nestjs/common';
import { MetricsService } from '../../metrics/metrics.service';
import { SqliteStorage } from '../../store/sqlite-storage';
import { CrmUnavailableError } from '../crm.port';
import { SalesforceCircuit } from '../salesforce/salesforce-circuit';
import { DEFAULT_CIRCUIT } from '../salesforce/salesforce-connection';
import { backoffMs, OutboxWorker } from './outbox.worker';
import { SqliteOutboxRepository } from './sqlite-outbox.repository';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The outbox's timing (issue 15 §8, §10), on a real SQLite store with handlers that fail as told. */
describe('the outbox waits with jitter and goes at once when Salesforce answers again', () => {
  let store: SqliteStorage;
  let circuit: SalesforceCircuit;
  let worker: OutboxWorker;
  const delivered: string[] = [];
  const failedAt = new Map<string, number>();
  let salesforce: 'down' | 'refusing' | 'up' = 'down';

  /** How long each write waits after its failed attempt. */
  const waits = () =>
    (
      store.prepare('SELECT key, next_attempt_at AS at FROM crm_outbox ORDER BY key').all() as {
        key: string;
        at: number;
      }[]
    ).map((r) => r.at - (failedAt.get(r.key) ?? NaN));

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    store = new SqliteStorage(':memory:');
    circuit = new SalesforceCircuit(DEFAULT_CIRCUIT);
    worker = new OutboxWorker(new SqliteOutboxRepository(store), new MetricsService(), circuit);
    delivered.length = 0;
    failedAt.clear();
    salesforce = 'down';
    worker.register('task', async (_payload, key) => {
      failedAt.set(key, Date.now());
      if (salesforce === 'down') throw new CrmUnavailableError('Salesforce cannot be reached (test)');
      if (salesforce === 'refusing' && key.startsWith('refused'))
        throw Object.assign(new Error('bad value'), { errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' });
      delivered.push(key);
    });
  });

  afterEach(() => {
    worker.beforeApplicationShutdown();
    store.close();
  });

  it('spreads the next attempts of writes that failed together, within the back-off', async () => {
    for (let i = 0; i < 8; i++)
      await worker.store.enqueue('task', `call-${i}`, { task: { CallObject: `call-${i}` } });
    await worker.round();
    const spread = waits();
    expect(Math.min(...spread)).toBeGreaterThanOrEqual(500);
    expect(Math.max(...spread)).toBeLessThan(2500);
    // Without jitter every write would wait the same second after its failure.
    expect(Math.max(...spread) - Math.min(...spread)).toBeGreaterThan(200);
  });

  it('grows the back-off to five minutes and no further', () => {
    const draws = (attempts: number) => Array.from({ length: 200 }, () => backoffMs(attempts));
    expect(Math.max(...draws(0))).toBeLessThan(2000);
    expect(Math.min(...draws(0))).toBeGreaterThanOrEqual(500);
    const late = draws(30);
    expect(Math.max(...late)).toBeLessThanOrEqual(5 * 60_000);
    expect(Math.min(...late)).toBeGreaterThan(60_000);
  });

  it('sends what waits for Salesforce as soon as a call succeeds again; refused writes keep their back-off', async () => {
    await worker.store.enqueue('task', 'unreachable-1', { task: {} });
    await worker.store.enqueue('task', 'unreachable-2', { task: {} });
    await worker.round();
    salesforce = 'refusing';
    await worker.store.enqueue('task', 'refused-1', { task: {} });
    await worker.round();
    expect(delivered).toEqual([]);
    salesforce = 'up';
    // Some Salesforce call (a pop, the health probe) fails, then one succeeds.
    await circuit.run(() => Promise.reject(new CrmUnavailableError('down'))).catch(() => undefined);
    await circuit.run(async () => 'ok');
    for (let i = 0; i < 50 && delivered.length < 2; i++) await sleep(10);
    expect(delivered.sort()).toEqual(['unreachable-1', 'unreachable-2']);
    expect(await worker.store.counts()).toEqual({ pending: 1, dead: 0 });
  });

  it('opens an outbox written before the wait reason was kept', async () => {
    const db = new SqliteStorage(':memory:');
    db.exec(`CREATE TABLE crm_outbox (
      kind TEXT NOT NULL, key TEXT NOT NULL, payload TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL, last_error TEXT, created_at INTEGER NOT NULL, dead INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (kind, key)) WITHOUT ROWID`);
    db.prepare(
      "INSERT INTO crm_outbox VALUES ('task', 'old', '{}', 3, ?, 'Salesforce cannot be reached', 0, 0)",
    ).run(Date.now() + 60_000);
    const old = new SqliteOutboxRepository(db);
    expect(await old.counts()).toEqual({ pending: 1, dead: 0 });
    const [item] = await old.due(Date.now() + 120_000, 10);
    await old.retry(item, Date.now() + 60_000, 'Salesforce cannot be reached', false, 'unreachable');
    expect(await old.makeUnreachableDue()).toBe(1);
    expect((await old.due(Date.now(), 10)).map((i) => i.key)).toEqual(['old']);
  });
});
