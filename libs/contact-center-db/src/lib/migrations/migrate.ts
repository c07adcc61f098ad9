import { createHash } from 'node:crypto';
import { pgFunctionName, PROCEDURE_NAMES } from '../sql/procedures';
import type { SqlClient } from '../sql/sql-client';
import { SCHEMA_SQL } from './postgres/001-schema';
import { GATEWAY_PROCEDURES_SQL } from './postgres/002-gateway-procedures';
import { EMULATOR_DIRECTORY_SQL } from './postgres/003-emulator-procedures';
import { DIALING_PROCEDURES_SQL } from './postgres/004-dialing-procedures';
import { AGENDA_PROCEDURES_SQL } from './postgres/005-agenda-procedures';
import { DIALER_RUNTIME_PROCEDURES_SQL, DIALER_RUNTIME_SCHEMA_SQL } from './postgres/006-dialer-runtime';

/**
 * A migration is either versioned (applied once, ever: tables) or repeatable
 * (applied again whenever its text changes: procedures, which are replaced
 * wholesale so a data folder from yesterday gets today's procedures).
 */
export interface Migration {
  id: string;
  kind: 'versioned' | 'repeatable';
  sql: string;
}

/**
 * Dropping first lets a procedure change its result columns, which
 * CREATE OR REPLACE refuses; nothing else depends on these functions.
 */
const DROP_PROCEDURES_SQL = PROCEDURE_NAMES.map(
  (name) => `DROP FUNCTION IF EXISTS ${pgFunctionName(name)} CASCADE;`,
).join('\n');

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  { id: '001-schema', kind: 'versioned', sql: SCHEMA_SQL },
  { id: '006-dialer-runtime', kind: 'versioned', sql: DIALER_RUNTIME_SCHEMA_SQL },
  {
    id: 'procedures',
    kind: 'repeatable',
    sql: [
      DROP_PROCEDURES_SQL,
      GATEWAY_PROCEDURES_SQL,
      EMULATOR_DIRECTORY_SQL,
      DIALING_PROCEDURES_SQL,
      AGENDA_PROCEDURES_SQL,
      DIALER_RUNTIME_PROCEDURES_SQL,
    ].join('\n'),
  },
];

/** Any constant will do, as long as every process of Puente uses the same one. */
const MIGRATION_LOCK_KEY = 7_420_115_001;

export interface MigrationReport {
  applied: string[];
  /** Versioned migrations whose text changed after they were applied: they are not run again. */
  drifted: string[];
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/**
 * Brings the database up to date; safe on every start and from two processes
 * at once. Everything happens in one transaction holding an advisory lock, so
 * a second process waits, then finds nothing left to do, and a failure
 * leaves the database as it was.
 */
export async function runMigrations(
  client: SqlClient,
  migrations: readonly Migration[] = POSTGRES_MIGRATIONS,
): Promise<MigrationReport> {
  return client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id          text PRIMARY KEY,
      checksum    text NOT NULL,
      applied_at  timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ id: string; checksum: string }>(
      'SELECT id, checksum FROM schema_migrations',
    );
    const done = new Map(rows.map((row) => [row.id, row.checksum]));
    const report: MigrationReport = { applied: [], drifted: [] };
    for (const migration of migrations) {
      const checksum = checksumOf(migration.sql);
      const previous = done.get(migration.id);
      if (previous === checksum) continue;
      if (previous !== undefined && migration.kind === 'versioned') {
        report.drifted.push(migration.id);
        continue;
      }
      await tx.exec(migration.sql);
      await tx.query(
        `INSERT INTO schema_migrations (id, checksum) VALUES ($1, $2)
         ON CONFLICT (id) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now()`,
        [migration.id, checksum],
      );
      report.applied.push(migration.id);
    }
    return report;
  });
}
