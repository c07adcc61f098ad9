import { DEMO_IDS } from '@puente/contact-center-db';
import { type GatewayHealth, SOCKET_NAMESPACES } from '@puente/contracts';
import { Pool } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { FailureStack } from '../testing/failure-stack';
import { perfect, tally, until } from '../testing/ledger';

/**
 * docs/reliability.md, the database scenarios (issue 15 §6): the
 * contact-center database refuses connections (its TCP gate cut) and hangs
 * (the gate holds every byte, on the gateway's open connections as on new
 * ones). /health/ready and the panels' /status namespace say "database down"
 * within a probe interval plus the probe time-out; the IVR's contact insert
 * fails fast with DATABASE_UNAVAILABLE (503) instead of hanging; the dialer
 * stays up on /health meanwhile; and once the database is back the gateway
 * recovers by itself: health returns, and every contact the IVR inserts
 * after recovery (the refused ones again, and new ones) is in the database
 * exactly once, counted by key.
 */
jest.setTimeout(180_000);

const SETTINGS = {
  HEALTH_PROBE_INTERVAL_MS: 250,
  HEALTH_PROBE_TIMEOUT_MS: 500,
  CONTACT_DB_TIMEOUT_MS: 1000,
} as const;
/** How late an outage may show: a probe interval, the probe's time-out, and slack for a loaded machine. */
const NOTICED_WITHIN_MS = SETTINGS.HEALTH_PROBE_INTERVAL_MS + SETTINGS.HEALTH_PROBE_TIMEOUT_MS + 750;
/**
 * How long an IVR insert may take to fail: a new connection is given CONTACT_DB_TIMEOUT_MS, an open one
 * waits for its query a second more (pg's query_timeout), and slack. Before issue 15 §6 it hung for good.
 */
const FAILS_WITHIN_MS = SETTINGS.CONTACT_DB_TIMEOUT_MS + 1000 + 1000;
const DATABASE = DEMO_IDS.databases.entrantes;
const INSERTS = 5;

describe('failure: the contact-center database refuses and hangs', () => {
  const stack = new FailureStack({
    gatewayEnv: Object.fromEntries(Object.entries(SETTINGS).map(([k, v]) => [k, String(v)])),
  });
  /** Straight to the dialer's database, past the gate: where the rows are counted. */
  let rows: Pool;
  let status: Socket;
  /** The database's line of every /status push, with when it arrived. */
  const pushed: { at: number; database: string }[] = [];
  let attempt = 0;

  const health = async () => {
    const res = await fetch(`${stack.gateway.url}/health/ready`);
    return { ready: res.status, body: (await res.json()) as GatewayHealth };
  };
  const statusOf = (h: GatewayHealth, name: string) => h.upstreams.find((u) => u.name === name)?.status;
  /** Waits until /health/ready and a /status push both say the database is `want`; resolves with how long that took. */
  const databaseShows = async (want: 'up' | 'down', since: number) => {
    await until(
      `the database ${want} on /health/ready`,
      async () => {
        const { ready, body } = await health();
        return statusOf(body, 'database') === want && ready === (want === 'up' ? 200 : 503);
      },
      15_000,
      25,
    );
    const push = await until(
      `the database ${want} on /status`,
      () => pushed.find((p) => p.at >= since && p.database === want),
      15_000,
      25,
    );
    return push.at - since;
  };
  /** One IVR caller; each request is its own (the queue id differs), as a retrying IVR signs anew. */
  const insert = (data: string, timeoutMs = 20_000) =>
    stack.gateway.ivrInsert(
      { data, ani: '011 4555 0000', databaseId: DATABASE, queueId: `q-${++attempt}` },
      timeoutMs,
    );
  const countByKey = async (keys: readonly string[]) =>
    (await rows.query<{ clave_1: string }>('SELECT clave_1 FROM contacts WHERE clave_1 = ANY($1)', [keys]))
      .rows;

  /** The outage, whichever way it happens: IVR inserts fail fast with the stable code, the dialer stays up. */
  const duringOutage = async (label: string, since: number) => {
    const shown = await databaseShows('down', since);
    const refused = Array.from(
      { length: INSERTS },
      (_, i) => `${label}-OUTAGE-${i}-${Date.now().toString(36)}`,
    );
    const answers = await Promise.all(refused.map((k) => insert(k)));
    console.log(
      `database ${label}: down on /status after ${shown} ms; IVR inserts answered ${answers.map((a) => `${a.status} in ${a.ms} ms`).join(', ')}`,
    );
    expect(shown).toBeLessThanOrEqual(NOTICED_WITHIN_MS);
    for (const a of answers) {
      expect({ status: a.status, code: a.body?.code }).toEqual({
        status: 503,
        code: 'DATABASE_UNAVAILABLE',
      });
      expect(a.ms).toBeLessThanOrEqual(FAILS_WITHIN_MS);
    }
    // Once the database has failed a few calls the circuit answers for it: a second wave of callers is
    // told at once (printed, not asserted: the bound above is what the IVR is promised).
    const again = Array.from({ length: INSERTS }, (_, i) => `${label}-AGAIN-${i}-${Date.now().toString(36)}`);
    const second = await Promise.all(again.map((k) => insert(k)));
    console.log(
      `database ${label}: a second wave answered ${second.map((a) => `${a.status} in ${a.ms} ms`).join(', ')}`,
    );
    for (const a of second)
      expect({ status: a.status, code: a.body?.code }).toEqual({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    // One hung dependency holds up no other verdict.
    expect(statusOf((await health()).body, 'dialer')).toBe('up');
    return [...refused, ...again];
  };

  /** After recovery: health returns, the refused inserts are retried, new ones made, and each key is one row. */
  const afterRecovery = async (label: string, refused: readonly string[], since: number) => {
    const shown = await databaseShows('up', since);
    console.log(`database ${label}: up again on /status after ${shown} ms`);
    const fresh = Array.from({ length: INSERTS }, (_, i) => `${label}-AFTER-${i}-${Date.now().toString(36)}`);
    const keys = [...refused, ...fresh];
    const answers = await Promise.all(keys.map((k) => insert(k)));
    // A refused insert held in a hung connection may still reach the database when it is released
    // (its answer was already DATABASE_UNAVAILABLE): the retry then finds the contact (200) rather than
    // creating a second one. What the gateway never does is write a key twice.
    const foundOrCreated = (a: { status: number }) =>
      a.status === 200 || a.status === 201 ? 'ok' : a.status;
    expect(answers.slice(0, refused.length).map(foundOrCreated)).toEqual(refused.map(() => 'ok'));
    expect(answers.slice(refused.length).map((a) => a.status)).toEqual(fresh.map(() => 201));
    // The IVR retries once more (its answer got lost, say): found, not written again.
    expect((await insert(keys[0])).status).toBe(200);
    expect(
      tally(
        keys,
        (await countByKey(keys)).map((r) => r.clave_1),
      ),
    ).toEqual(perfect(keys.length));
  };

  beforeAll(async () => {
    await stack.start();
    rows = new Pool({ connectionString: stack.dialer.contactDbUrl, max: 1 });
    status = io(`${stack.gateway.url}${SOCKET_NAMESPACES.status}`, { transports: ['websocket'] });
    status.on('health', (h: GatewayHealth) =>
      pushed.push({ at: Date.now(), database: statusOf(h, 'database') ?? '' }),
    );
    await databaseShows('up', 0);
    // Warm: the gateway's pool holds open connections when the outage begins, as in production.
    expect((await insert(`WARM-${Date.now().toString(36)}`)).status).toBe(201);
  });

  afterAll(async () => {
    status?.close();
    await rows?.end();
    if (stack.gateway) await stack.stop();
  });

  /** Each scenario ends with the database reachable again, whatever became of its assertions. */
  afterEach(async () => {
    stack.contactDbGate.release();
    if (!stack.contactDbGate.isOpen) await stack.contactDbGate.open();
  });

  it('issue 15 §6: the database refuses connections; health says so in time, IVR inserts fail fast, all recover', async () => {
    const cut = Date.now();
    await stack.contactDbGate.cut();
    const refused = await duringOutage('REFUSED', cut);
    const back = Date.now();
    await stack.contactDbGate.open();
    await afterRecovery('REFUSED', refused, back);
  });

  it('issue 15 §6: the database hangs; health says so in time, IVR inserts fail fast, all recover', async () => {
    const hung = Date.now();
    stack.contactDbGate.hang();
    const refused = await duringOutage('HUNG', hung);
    const back = Date.now();
    stack.contactDbGate.release();
    await afterRecovery('HUNG', refused, back);
  });
});
