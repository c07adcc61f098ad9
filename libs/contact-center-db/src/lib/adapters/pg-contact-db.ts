import { ContactDbError } from '../port/contact-db';
import { callProcedure, procedureErrorOf, type ProcedureName, type ProcedureArgs } from '../sql/procedures';
import { sqlState, type Row, type SqlClient } from '../sql/sql-client';
import { ProcedureContactDb } from './procedure-contact-db';

/** Node socket errors that mean "the server is not there", not "the statement is wrong". */
const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);

/** Maps a pg/PGlite failure onto the port's stable codes; anything else is a bug and stays as it is. */
export function toPgContactDbError(error: unknown): unknown {
  if (error instanceof ContactDbError) return error;
  const message = (error as Error | null)?.message ?? String(error);
  const state = sqlState(error);
  const code = procedureErrorOf(state);
  if (code) return new ContactDbError(code, message);
  if (state === '57014') return new ContactDbError('TIMEOUT', message);
  // Class 08 (connection exception) and 57P0x (the server is shutting down or restarting).
  if (state?.startsWith('08') || state?.startsWith('57P'))
    return new ContactDbError('DATABASE_UNAVAILABLE', message);
  // 22001 value too long, 22021 bad encoding, 22P02 bad text for a number, 23514 a CHECK: input the columns cannot hold.
  if (state === '22001' || state === '22021' || state === '22P02' || state === '23514')
    return new ContactDbError('INVALID_INPUT', message);
  const errno = (error as { code?: unknown } | null)?.code;
  if (typeof errno === 'string' && NETWORK_ERRORS.has(errno))
    return new ContactDbError('DATABASE_UNAVAILABLE', message);
  if (/timeout exceeded when trying to connect|Connection terminated/i.test(message))
    return new ContactDbError('DATABASE_UNAVAILABLE', message);
  if (/PGlite is closed/i.test(message)) return new ContactDbError('DATABASE_UNAVAILABLE', message);
  return error;
}

export interface PgContactDbOptions {
  /** Close the SqlClient when the adapter is closed (true when the factory opened it). */
  ownsClient?: boolean;
}

/**
 * ContactDb over PostgreSQL or PGlite: each method is one call of a PL/pgSQL
 * function named after the procedure in PROCEDURES.
 */
export class PgContactDb extends ProcedureContactDb {
  readonly dialect = 'postgres' as const;

  constructor(
    readonly client: SqlClient,
    private readonly options: PgContactDbOptions = {},
  ) {
    super();
  }

  async ping(): Promise<void> {
    try {
      await this.client.query('SELECT 1');
    } catch (error) {
      throw toPgContactDbError(error);
    }
  }

  async close(): Promise<void> {
    if (this.options.ownsClient) await this.client.close();
  }

  protected async run<N extends ProcedureName>(name: N, args: ProcedureArgs<N>): Promise<Row[]> {
    try {
      return await callProcedure(this.client, name, args);
    } catch (error) {
      throw toPgContactDbError(error);
    }
  }
}
