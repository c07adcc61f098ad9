import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runMigrations } from '../migrations/migrate';
import { PgPoolClient } from '../sql/pg-pool-client';
import { PgliteClient } from '../sql/pglite-client';

/** The loopback PostgreSQL of this machine (trust auth); MSSQL_URL-style override for other hosts. */
export const TEST_POSTGRES_ADMIN_URL =
  process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let template: Promise<Blob> | undefined;

/**
 * A migrated, empty PGlite in memory. initdb plus migrations cost seconds, so
 * they run once per test file and every later database starts from a dump.
 */
export async function openTestPglite(): Promise<PgliteClient> {
  template ??= (async () => {
    const first = await PgliteClient.open();
    await runMigrations(first);
    const dump = await first.dump();
    await first.close();
    return dump;
  })();
  return PgliteClient.open({ loadDataDir: await template });
}

export interface TestPostgres {
  url: string;
  client: PgPoolClient;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** Null (and the reason) when no PostgreSQL answers on loopback: suites then skip, saying so. */
export async function probePostgres(): Promise<string | null> {
  const admin = new Client({ connectionString: TEST_POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
    await admin.query('SELECT 1');
    return null;
  } catch (error) {
    return `PostgreSQL at ${TEST_POSTGRES_ADMIN_URL} is not reachable (${(error as Error).message})`;
  } finally {
    await admin.end().catch(() => undefined);
  }
}

/** A throwaway database, migrated unless told otherwise. */
export async function createTestPostgres(options: { migrate?: boolean } = {}): Promise<TestPostgres> {
  const name = `puente_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const client = new PgPoolClient({ connectionString: url.toString(), max: 25 });
  if (options.migrate !== false) await runMigrations(client);
  return {
    url: url.toString(),
    client,
    drop: async () => {
      await client.close();
      const dropper = new Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
