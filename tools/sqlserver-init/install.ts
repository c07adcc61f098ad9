/**
 * The one-shot `sqlserver-init` service of docker/compose.sqlserver.yaml
 * (issue 18 §4): creates the contact-center database and the gateway's
 * login, installs the T-SQL tables and procedures generated from
 * libs/contact-center-db (the batches mssql-script.spec.ts checks) with
 * EXECUTE granted to that login, and, given DEMO_SOURCE_URL, copies the demo
 * reference data and contacts from the dialer emulator's database (ids kept,
 * rows already there left alone). Safe to run again; exits 0 only when done.
 */
import { mssqlConfigOf, mssqlInstallBatches } from '@puente/contact-center-db';
import sql from 'mssql';
import pg from 'pg';
import { z } from 'zod';

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'must be a plain identifier');
const env = z
  .object({
    MSSQL_URL: z.string().regex(/^(mssql|sqlserver):\/\//i, 'must be an mssql:// URL'),
    MSSQL_PASSWORD: z.string().optional(),
    MSSQL_TRUST_CERT: z.enum(['true', 'false']).default('false'),
    CONTACT_DB_NAME: identifier,
    CONTACT_DB_LOGIN: identifier,
    CONTACT_DB_PASSWORD: z.string().min(8),
    DEMO_SOURCE_URL: z.string().default(''),
  })
  .parse(process.env);

/** What the gateway's procedures read, in foreign-key order; the columns both schemas have. */
const DEMO_TABLES: [table: string, columns: string[]][] = [
  ['crms', ['id', 'name']],
  ['contact_databases', ['id', 'crm_id', 'name']],
  ['users', ['id', 'login', 'display_name']],
  ['categories', ['id', 'crm_id', 'name', 'schedules', 'position']],
  ['subcategories', ['id', 'category_id', 'name', 'position']],
  ['contacts', ['id', 'database_id', 'crm_id', 'clave_1', 'phone', 'phone2', 'owner_user_id', 'data']],
];

const log = (message: string) => process.stdout.write(`sqlserver-init: ${message}\n`);

async function retry<T>(what: string, attempt: () => Promise<T>, tries = 60): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= tries) throw error;
      log(`${what} not ready (${(error as Error).message}); retrying in 2 s`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

function sqlConfig(database: string): sql.config {
  const base = mssqlConfigOf({
    url: env.MSSQL_URL,
    encrypt: true,
    trustServerCertificate: env.MSSQL_TRUST_CERT === 'true',
  });
  return { ...base, password: env.MSSQL_PASSWORD ?? base.password, database };
}

async function createDatabaseAndLogin(): Promise<void> {
  const master = await retry('SQL Server', () => new sql.ConnectionPool(sqlConfig('master')).connect());
  try {
    await master
      .request()
      .input('db', env.CONTACT_DB_NAME)
      .input('login', env.CONTACT_DB_LOGIN)
      .input('password', env.CONTACT_DB_PASSWORD).batch(`
        IF DB_ID(@db) IS NULL EXEC (N'CREATE DATABASE ' + QUOTENAME(@db));
        DECLARE @verb NVARCHAR(10) = CASE WHEN SUSER_ID(@login) IS NULL THEN N'CREATE' ELSE N'ALTER' END;
        -- The password is the operator's: set it again on every run, so a changed one takes effect.
        EXEC (@verb + N' LOGIN ' + QUOTENAME(@login) + N' WITH PASSWORD = ' + QUOTENAME(@password, N''''));`);
  } finally {
    await master.close();
  }
}

async function install(db: sql.ConnectionPool): Promise<void> {
  await db
    .request()
    .input('login', env.CONTACT_DB_LOGIN)
    .batch(
      `IF USER_ID(@login) IS NULL EXEC (N'CREATE USER ' + QUOTENAME(@login) + N' FOR LOGIN ' + QUOTENAME(@login));`,
    );
  const batches = mssqlInstallBatches({ grantTo: env.CONTACT_DB_LOGIN });
  for (const batch of batches) await db.request().batch(batch);
  log(`installed ${batches.length} batches (tables, procedures, EXECUTE for ${env.CONTACT_DB_LOGIN})`);
}

async function copyDemoData(db: sql.ConnectionPool): Promise<void> {
  const source = new pg.Client({ connectionString: env.DEMO_SOURCE_URL });
  await retry('the demo source database', () => source.connect());
  try {
    for (const [table, columns] of DEMO_TABLES) {
      const { rows } = await source.query<Record<string, unknown>>(
        `SELECT ${columns.join(', ')} FROM ${table} ORDER BY id`,
      );
      // SQL Server takes at most 2,100 parameters per statement.
      const perBatch = Math.floor(2000 / columns.length);
      let added = 0;
      for (let start = 0; start < rows.length; start += perBatch) {
        const request = db.request();
        const values = rows.slice(start, start + perBatch).map((row, r) => {
          const names = columns.map((column, c) => {
            const value = row[column];
            request.input(
              `p${r}_${c}`,
              typeof value === 'object' && value !== null ? JSON.stringify(value) : value,
            );
            return `@p${r}_${c}`;
          });
          return `(${names.join(', ')})`;
        });
        const result = await request.query(
          `INSERT INTO dbo.${table} (${columns.join(', ')})
           SELECT * FROM (VALUES ${values.join(', ')}) AS v (${columns.join(', ')})
           WHERE NOT EXISTS (SELECT 1 FROM dbo.${table} t WHERE t.id = v.id)`,
        );
        added += result.rowsAffected[0] ?? 0;
      }
      log(`${table}: ${added} of ${rows.length} rows copied`);
    }
  } finally {
    await source.end();
  }
}

async function main(): Promise<void> {
  await createDatabaseAndLogin();
  const db = await new sql.ConnectionPool(sqlConfig(env.CONTACT_DB_NAME)).connect();
  try {
    await install(db);
    if (env.DEMO_SOURCE_URL) await copyDemoData(db);
  } finally {
    await db.close();
  }
  log(`done: ${env.CONTACT_DB_NAME} is ready for ${env.CONTACT_DB_LOGIN}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`sqlserver-init failed: ${(error as Error).message}\n`);
  process.exit(1);
});
