import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEMO_IDS,
  PgContactDb,
  PgPoolClient,
  runMigrations,
  seedDemoData,
  startPgliteServer,
} from '@puente/contact-center-db';
import { Client } from 'pg';
import { ChildService } from '../lib/child-service';
import { groupCpuMs, sampleProcess } from '../lib/process-probe';
import { closedLoop, gatewaySender, type IvrInsert, inserts, type LoadResult } from '../lib/ivr-load';
import { ms, table } from '../lib/stats';
import { type BenchSuite, option, positiveInts } from '../lib/suite';

const KEY = { id: 'bench-ivr', secret: 'bench-ivr-secret-0123456789' };
const POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const WARM_KEYS = 200;
/** Connections of the gateway's pool and of the direct caller: the same, so the paths compare. */
const POOL = 10;

export const suite: BenchSuite = {
  usage: `[--concurrency 1,8,32] [--seconds 5] [--targets pglite,postgres]
Contact inserts (CONTACTO_INSERT_SALESFORCE) per second and p50/p99 latency,
signed requests through the gateway (from dist) next to the procedure called
directly on the same database, with new keys and repeated keys; on PGlite
served on a socket and on the local PostgreSQL (127.0.0.1:5432, a throwaway
database) when it answers.`,
  builds: ['gateway'],
  run: (args, { workspaceRoot }) =>
    runIvrBench({
      workspaceRoot,
      concurrency: positiveInts(option(args, 'concurrency', '1,8,32'), 'concurrency'),
      seconds: positiveInts(option(args, 'seconds', '5'), 'seconds')[0],
      targets: option(args, 'targets', 'pglite,postgres').split(','),
    }),
};

interface Database {
  name: string;
  url: string;
  /** CPU used so far by the database server, when it runs in processes of its own. */
  cpuMs: (() => number) | null;
  close(): Promise<void>;
}

/** CPU per insert, in milliseconds, of what serves it: the gateway or the direct caller, and the database. */
interface ServingCpu {
  serverMs: number;
  databaseMs: number;
}

interface Row {
  database: string;
  keys: 'new' | 'repeated';
  concurrency: number;
  gateway: LoadResult;
  direct: LoadResult;
  gatewayCpu: ServingCpu | null;
  directCpu: ServingCpu | null;
}

async function pgliteDatabase(): Promise<Database> {
  const server = await startPgliteServer({ port: 0, maxConnections: 64 });
  await seedDemoData(server.client, { contacts: 300 });
  // PGlite runs inside this process, next to the load generator: its CPU cannot be told apart.
  return { name: 'PGlite (socket)', url: server.url, cpuMs: null, close: () => server.close() };
}

/** A throwaway database on the local PostgreSQL, or null when nothing answers on 5432. */
async function postgresDatabase(): Promise<Database | null> {
  const admin = new Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    process.stderr.write('PostgreSQL on 127.0.0.1:5432 does not answer: skipped\n');
    return null;
  }
  const name = `puente_bench_ivr_${process.pid}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = `postgres://postgres@127.0.0.1:5432/${name}`;
  const client = new PgPoolClient({ connectionString: url, max: 2 });
  await runMigrations(client);
  await seedDemoData(client, { contacts: 300 });
  await client.close();
  return {
    name: 'PostgreSQL 127.0.0.1',
    url,
    cpuMs: () => groupCpuMs('postgres'),
    async close() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/**
 * `npm run bench -- ivr`: the cost of the IVR endpoint (issue 6 §7). For each
 * database, the gateway runs from dist as its own process with its pg pool
 * on the database; the load generator sends signed requests, then calls the
 * same procedure through the same adapter (PgContactDb) directly. New keys
 * insert a row each; repeated keys find an existing one.
 */
export async function runIvrBench(options: {
  workspaceRoot: string;
  concurrency: number[];
  seconds: number;
  targets: string[];
}): Promise<void> {
  const rows: Row[] = [];
  const bareHop = await measureBareHop(options);
  for (const target of options.targets) {
    const db =
      target === 'pglite' ? await pgliteDatabase() : target === 'postgres' ? await postgresDatabase() : null;
    if (!db) continue;
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-ivr-'));
    const gateway = new ChildService(
      join(options.workspaceRoot, 'dist/apps/gateway/main.js'),
      {
        DIALER_URL: 'http://127.0.0.1:9',
        SALESFORCE_URL: 'http://127.0.0.1:9',
        CONTACT_DB_KIND: 'postgres',
        CONTACT_DB_URL: db.url,
        CONTACT_DB_POOL_MAX: String(POOL),
        IVR_KEYS: `${KEY.id}:${KEY.secret}`,
        PUENTE_DATA_DIR: dataDir,
        LOG_LEVEL: 'error',
        HEALTH_PROBE_INTERVAL_MS: '600000',
        GATEWAY_TOKEN_SECRET: 'bench-secret-bench-secret-bench-secret',
      },
      'GATEWAY_PORT',
      '/health/live',
    );
    const direct = new PgPoolClient({ connectionString: db.url, max: POOL });
    const contactDb = new PgContactDb(direct);
    const callDirect = async (insert: IvrInsert) => {
      await contactDb.insertSalesforceContact(insert);
    };
    try {
      await gateway.start();
      const viaGateway = gatewaySender(gateway.url, KEY.id, KEY.secret);
      const databaseId = DEMO_IDS.databases.entrantes;
      const gw = inserts(databaseId, `gw${process.pid}`);
      const dc = inserts(databaseId, `dc${process.pid}`);
      // Warm-up: the repeated keys exist, pools and JIT are warm.
      for (let i = 0; i < WARM_KEYS; i++) {
        await viaGateway(gw.repeated(WARM_KEYS));
        await callDirect(dc.repeated(WARM_KEYS));
      }
      for (const keys of ['new', 'repeated'] as const) {
        for (const concurrency of options.concurrency) {
          process.stderr.write(`${db.name}: ${keys} keys, ${concurrency} concurrent, ${options.seconds}s…\n`);
          const pick = (g: ReturnType<typeof inserts>) => () =>
            keys === 'new' ? g.fresh() : g.repeated(WARM_KEYS);
          const viaGw = await servingCpu(
            db,
            () => sampleProcess(gateway.pid).cpuMs,
            () => closedLoop(concurrency, options.seconds, pick(gw), viaGateway),
          );
          // The direct caller is this process: its CPU is the pg client's work and the loop's.
          const viaDirect = await servingCpu(db, ownCpuMs, () =>
            closedLoop(concurrency, options.seconds, pick(dc), callDirect),
          );
          for (const r of [viaGw.load, viaDirect.load])
            if (r.firstError) process.stderr.write(`  ${r.errors} errors, first: ${r.firstError}\n`);
          rows.push({
            database: db.name,
            keys,
            concurrency,
            gateway: viaGw.load,
            direct: viaDirect.load,
            gatewayCpu: viaGw.cpu,
            directCpu: viaDirect.cpu,
          });
        }
      }
    } finally {
      gateway.stop();
      await direct.close();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const rate = (r: LoadResult) => `${r.perSecond.toFixed(0)}/s`;
  process.stdout.write(
    `\nThroughput and latency (closed loop on this machine; "Rate ×" = direct over gateway)\n${table(
      ['Database', 'Keys', 'Conc.', 'Gateway', 'p50', 'p99', 'Direct', 'p50', 'p99', 'Rate ×', 'Errors'],
      rows.map((r) => [
        r.database,
        r.keys,
        String(r.concurrency),
        rate(r.gateway),
        ms(r.gateway.latency.p50),
        ms(r.gateway.latency.p99),
        rate(r.direct),
        ms(r.direct.latency.p50),
        ms(r.direct.latency.p99),
        ratio(r.direct.perSecond, r.gateway.perSecond),
        String(r.gateway.errors + r.direct.errors),
      ]),
    )}\n`,
  );
  const measured = rows.filter((r) => r.gatewayCpu && r.directCpu);
  if (measured.length === 0) return;
  const cpu = (value: number) => `${(value * 1000).toFixed(0)} µs`;
  process.stdout.write(
    `\nCPU per insert of what serves it (the IVR's own client is not counted; "Cost ×" = gateway + its database over caller + its database; "Floor ×" = the same with the bare HTTP hop added to the direct call instead of the gateway: the least any HTTP service could cost)\n${table(
      [
        'Database',
        'Keys',
        'Conc.',
        'Gateway',
        'DB',
        'Total',
        'Direct caller',
        'DB',
        'Total',
        'Cost ×',
        'Bare hop',
        'Floor ×',
      ],
      measured.map((r) => {
        const g = r.gatewayCpu as ServingCpu;
        const d = r.directCpu as ServingCpu;
        const [gt, dt] = [g.serverMs + g.databaseMs, d.serverMs + d.databaseMs];
        const hop = bareHop.get(r.concurrency) ?? 0;
        return [
          r.database,
          r.keys,
          String(r.concurrency),
          cpu(g.serverMs),
          cpu(g.databaseMs),
          cpu(gt),
          cpu(d.serverMs),
          cpu(d.databaseMs),
          cpu(dt),
          ratio(gt, dt),
          cpu(hop),
          ratio(dt + hop, dt),
        ];
      }),
    )}\n`,
  );
}

/**
 * CPU per request of the bare HTTP hop (lib/bare-http-hop.mjs) at each
 * concurrency, driven by the same signed requests as the gateway: what one
 * more process and HTTP hop cost here, whatever the service does.
 */
async function measureBareHop(options: {
  workspaceRoot: string;
  concurrency: number[];
  seconds: number;
}): Promise<Map<number, number>> {
  const hop = new ChildService(
    join(options.workspaceRoot, 'tools/bench/lib/bare-http-hop.mjs'),
    {},
    'BARE_HOP_PORT',
  );
  const perRequest = new Map<number, number>();
  try {
    await hop.start();
    const send = gatewaySender(hop.url, KEY.id, KEY.secret);
    const g = inserts('1', `hop${process.pid}`);
    for (let i = 0; i < WARM_KEYS; i++) await send(g.fresh());
    for (const concurrency of options.concurrency) {
      process.stderr.write(`bare HTTP hop: ${concurrency} concurrent, ${options.seconds}s…\n`);
      const before = sampleProcess(hop.pid).cpuMs;
      const load = await closedLoop(concurrency, options.seconds, g.fresh, send);
      perRequest.set(concurrency, (sampleProcess(hop.pid).cpuMs - before) / Math.max(1, load.ok));
    }
  } finally {
    hop.stop();
  }
  return perRequest;
}

function ratio(a: number, b: number): string {
  return (a / Math.max(1e-9, b)).toFixed(2);
}

function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Runs one load phase and divides the CPU its server and the database used by the inserts it made. */
async function servingCpu(
  db: Database,
  serverCpuMs: () => number,
  phase: () => Promise<LoadResult>,
): Promise<{ load: LoadResult; cpu: ServingCpu | null }> {
  const databaseCpuMs = db.cpuMs;
  const before = { server: serverCpuMs(), database: databaseCpuMs?.() ?? 0 };
  const load = await phase();
  if (!databaseCpuMs || load.ok === 0) return { load, cpu: null };
  return {
    load,
    cpu: {
      serverMs: (serverCpuMs() - before.server) / load.ok,
      databaseMs: (databaseCpuMs() - before.database) / load.ok,
    },
  };
}
