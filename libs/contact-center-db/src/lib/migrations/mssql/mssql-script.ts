import { PROCEDURE_NAMES, PROCEDURES } from '../../sql/procedures';
import { MSSQL_SCHEMA_BATCHES } from './001-schema';
import { MSSQL_PROCEDURE_BATCHES } from './002-procedures';

/** The procedures the gateway calls, which therefore exist in T-SQL too. */
export const MSSQL_PROCEDURE_NAMES = PROCEDURE_NAMES.filter((name) =>
  PROCEDURES[name].dialects.includes('mssql'),
);

export interface MssqlInstallOptions {
  /** A database principal (user or role) to GRANT EXECUTE on each procedure: the gateway's login needs nothing else. */
  grantTo?: string;
  /** Leave the tables out, for a database that already has them (only the procedures are replaced). */
  proceduresOnly?: boolean;
}

/** Every batch of the install, in order: tables (guarded), procedures (CREATE OR ALTER), grants. */
export function mssqlInstallBatches(options: MssqlInstallOptions = {}): string[] {
  const batches = [...(options.proceduresOnly ? [] : MSSQL_SCHEMA_BATCHES), ...MSSQL_PROCEDURE_BATCHES].map(
    (batch) => batch.trim(),
  );
  if (options.grantTo) {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(options.grantTo))
      throw new Error(`grantTo must be a plain identifier, got ${JSON.stringify(options.grantTo)}`);
    batches.push(
      MSSQL_PROCEDURE_NAMES.map((name) => `GRANT EXECUTE ON dbo.${name} TO [${options.grantTo}];`).join('\n'),
    );
  }
  return batches;
}

/**
 * The whole T-SQL install as one script with GO separators, for sqlcmd or
 * SQL Server Management Studio (docs/sql-server.md). Safe to run again.
 */
export function mssqlInstallScript(options: MssqlInstallOptions = {}): string {
  const header = [
    '-- Puente: contact-center procedures for SQL Server 2016 SP1 or later.',
    '-- Safe to run again: tables are created only when missing, procedures are replaced.',
    `-- Procedures: ${MSSQL_PROCEDURE_NAMES.join(', ')}.`,
  ].join('\n');
  return `${header}\n\n${mssqlInstallBatches(options).join('\nGO\n\n')}\nGO\n`;
}
