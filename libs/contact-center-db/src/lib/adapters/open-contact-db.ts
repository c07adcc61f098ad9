import { runMigrations } from '../migrations/migrate';
import type { ContactDb } from '../port/contact-db';
import { PgPoolClient } from '../sql/pg-pool-client';
import { PgliteClient } from '../sql/pglite-client';
import type { SqlClient } from '../sql/sql-client';
import { MssqlContactDb, type MssqlContactDbOptions } from './mssql-contact-db';
import { PgContactDb, toPgContactDbError } from './pg-contact-db';

/** Which contact-center database, chosen by configuration (CONTACT_DB_KIND and friends). */
export type ContactDbConfig =
  | { kind: 'pglite'; /** Persisted here; in memory when omitted. */ dataDir?: string }
  | {
      kind: 'postgres';
      url: string;
      statementTimeoutMs?: number;
      /** The client's own bound on every query (default: statementTimeoutMs plus a second). */
      queryTimeoutMs?: number;
      connectionTimeoutMs?: number;
      poolMax?: number;
      onError?: (error: Error) => void;
    }
  | ({ kind: 'mssql' } & MssqlContactDbOptions);

/**
 * Opens the configured adapter. PGlite and PostgreSQL are brought up to date
 * first (migrations are idempotent and locked); SQL Server is the customer's,
 * installed by their DBA from mssqlInstallScript(), so it is only used.
 */
export async function openContactDb(config: ContactDbConfig): Promise<ContactDb> {
  if (config.kind === 'mssql') return new MssqlContactDb(config);
  let client: SqlClient;
  if (config.kind === 'pglite') {
    client = await PgliteClient.open(config.dataDir ? { dataDir: config.dataDir } : {});
  } else {
    client = new PgPoolClient({
      connectionString: config.url,
      ...(config.poolMax ? { max: config.poolMax } : {}),
      ...(config.statementTimeoutMs ? { statementTimeoutMs: config.statementTimeoutMs } : {}),
      ...(config.queryTimeoutMs ? { queryTimeoutMs: config.queryTimeoutMs } : {}),
      ...(config.connectionTimeoutMs ? { connectionTimeoutMs: config.connectionTimeoutMs } : {}),
      ...(config.onError ? { onError: config.onError } : {}),
    });
  }
  try {
    await runMigrations(client);
  } catch (error) {
    await client.close().catch(() => undefined);
    throw toPgContactDbError(error);
  }
  return new PgContactDb(client, { ownsClient: true });
}
