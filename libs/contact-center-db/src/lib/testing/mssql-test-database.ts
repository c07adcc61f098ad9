import { randomBytes } from 'node:crypto';
import sql from 'mssql';
import { MssqlContactDb, mssqlConfigOf } from '../adapters/mssql-contact-db';
import { mssqlInstallBatches } from '../migrations/mssql/mssql-script';
import type { ContactDbHarness } from './contact-db-behaviour';
import { MSSQL_FIXTURE_STATEMENTS } from './behaviour-fixture';

/** Where the SQL Server suites run; unset here, so they skip and say so. */
export const MSSQL_URL = process.env['MSSQL_URL'];
const flag = (name: string) => {
  const value = process.env[name];
  return value === undefined ? undefined : /^(1|true|yes)$/i.test(value);
};

/**
 * A throwaway database on the SQL Server of MSSQL_URL (the login needs
 * CREATE DATABASE), with the install script and the behaviour fixture.
 */
export async function createTestMssql(): Promise<ContactDbHarness | { skip: string }> {
  if (!MSSQL_URL) return { skip: 'MSSQL_URL is not set (see docs/sql-server.md)' };
  const options = {
    url: MSSQL_URL,
    encrypt: flag('MSSQL_ENCRYPT') ?? true,
    trustServerCertificate: flag('MSSQL_TRUST_CERT') ?? true,
  };
  const name = `puente_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = await new sql.ConnectionPool({ ...mssqlConfigOf(options), database: 'master' }).connect();
  await admin.request().batch(`CREATE DATABASE [${name}]`);
  const db = new MssqlContactDb({ ...options, database: name });
  const pool = await db.connect();
  for (const batch of mssqlInstallBatches()) await pool.request().batch(batch);
  for (const statement of MSSQL_FIXTURE_STATEMENTS) await pool.request().batch(statement);
  return {
    db,
    dispose: async () => {
      await db.close();
      await admin
        .request()
        .batch(`ALTER DATABASE [${name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [${name}];`);
      await admin.close();
    },
  };
}
