import { PgliteClient, runMigrations, seedDemoData } from '@puente/contact-center-db';
import { SqlDialerStore } from '../app/store/sql-store';

/** The contacts a test store holds unless told otherwise: the memory store's test size too. */
export const TEST_CONTACTS = 300;

const templates = new Map<number, Promise<Blob>>();

export interface SqlTestStore {
  store: SqlDialerStore;
  /** The in-process client, for asserting on rows the interface does not read back. */
  client: PgliteClient;
  close(): Promise<void>;
}

/** A migrated and seeded database, made once per test file and size, copied from its dump after that. */
async function openSeeded(contacts: number): Promise<PgliteClient> {
  let template = templates.get(contacts);
  if (!template) {
    template = (async () => {
      const first = await PgliteClient.open();
      try {
        await runMigrations(first);
        await seedDemoData(first, { contacts });
        return await first.dump();
      } finally {
        await first.close();
      }
    })();
    templates.set(contacts, template);
  }
  return PgliteClient.open({ loadDataDir: await template });
}

/**
 * The store `npm start` runs (SqlDialerStore over PGlite with the stored
 * procedures and the demo seed), in memory, a database of its own.
 */
export async function openSqlTestStore(contacts = TEST_CONTACTS): Promise<SqlTestStore> {
  const client = await openSeeded(contacts);
  return { store: new SqlDialerStore(client), client, close: () => client.close() };
}

/**
 * One seeded database for many tests, put back as seeded before each: every
 * table copied aside once, then truncated and refilled (with foreign keys off
 * while refilling) and every sequence reset. Opening PGlite costs a second or
 * more per test; this costs milliseconds, and covers tables added later.
 */
export async function openResettableSqlStore(contacts = TEST_CONTACTS) {
  const client = await openSeeded(contacts);
  const tables = (
    await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    )
  ).map((t) => `"${t.name}"`);
  const sequences = await client.query<{ name: string; value: string; called: boolean }>(
    `SELECT schemaname || '.' || sequencename AS name, coalesce(last_value, 1)::text AS value,
            last_value IS NOT NULL AS called
     FROM pg_sequences WHERE schemaname = 'public'`,
  );
  await client.exec(
    `CREATE SCHEMA seeded; ${tables.map((t) => `CREATE TABLE seeded.${t} AS TABLE public.${t};`).join(' ')}`,
  );
  const resetScript = [
    'SET session_replication_role = replica;',
    `TRUNCATE ${tables.map((t) => `public.${t}`).join(', ')};`,
    ...tables.map((t) => `INSERT INTO public.${t} SELECT * FROM seeded.${t};`),
    'SET session_replication_role = origin;',
    ...sequences.map((s) => `SELECT setval('${s.name}', ${s.value}, ${s.called});`),
  ].join('\n');
  return {
    store: new SqlDialerStore(client),
    client,
    reset: () => client.exec(resetScript),
    close: () => client.close(),
  };
}
