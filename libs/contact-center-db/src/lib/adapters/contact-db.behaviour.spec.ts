import { PgContactDb } from './pg-contact-db';
import { describeContactDbBehaviour } from '../testing/contact-db-behaviour';
import { PG_FIXTURE_STATEMENTS } from '../testing/behaviour-fixture';
import { createTestMssql, MSSQL_URL } from '../testing/mssql-test-database';
import { createTestPostgres, openTestPglite, probePostgres } from '../testing/test-databases';

describeContactDbBehaviour('PgContactDb on PGlite (in memory)', async () => {
  const client = await openTestPglite();
  for (const statement of PG_FIXTURE_STATEMENTS) await client.query(statement);
  const db = new PgContactDb(client, { ownsClient: true });
  return { db, dispose: () => db.close() };
});

describeContactDbBehaviour('PgContactDb on PostgreSQL (127.0.0.1:5432)', async () => {
  const unreachable = await probePostgres();
  if (unreachable) return { skip: unreachable };
  const pg = await createTestPostgres();
  for (const statement of PG_FIXTURE_STATEMENTS) await pg.client.query(statement);
  return { db: new PgContactDb(pg.client), dispose: () => pg.drop() };
});

describeContactDbBehaviour(
  'MssqlContactDb on SQL Server (MSSQL_URL)',
  createTestMssql,
  MSSQL_URL ? undefined : 'MSSQL_URL is not set (see docs/sql-server.md)',
);
