import { ContactDbError, type InsertContactInput, type InsertContactResult } from '../port/contact-db';
import {
  BATCH_ORDINAL,
  callProcedure,
  callProcedureBatch,
  procedureErrorOf,
  type ProcedureName,
  type ProcedureArgs,
} from '../sql/procedures';
import { sqlState, type Row, type SqlClient } from '../sql/sql-client';
import { checkInsertInput, toInsertResult } from './contact-db-rows';
import { ProcedureContactDb } from './procedure-contact-db';
import { boundedBySignal } from './bounded-by-signal';

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
  // pg's own bounds: the pool waited too long for a connection, or the server never answered a query.
  if (/timeout exceeded when trying to connect|Connection terminated|Query read timeout/i.test(message))
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

  /**
   * Every valid input in one statement (one round trip, one commit). The
   * calls run ordered by key, so two batches that share keys take their
   * locks in the same order and cannot deadlock. When the statement fails
   * as a whole, nothing of it was kept: an unreachable database fails every
   * input, anything else (one unknown database id, say) is retried one by
   * one so that each input gets its own answer.
   */
  override async insertSalesforceContacts(
    inputs: readonly InsertContactInput[],
  ): Promise<PromiseSettledResult<InsertContactResult>[]> {
    if (inputs.length < 2) return super.insertSalesforceContacts(inputs);
    const outcomes: PromiseSettledResult<InsertContactResult>[] = new Array(inputs.length);
    const valid: { index: number; data: string; ani: string; databaseId: string }[] = [];
    inputs.forEach((input, index) => {
      try {
        valid.push({ index, ...checkInsertInput(input), databaseId: input.databaseId });
      } catch (error) {
        outcomes[index] = { status: 'rejected', reason: error };
      }
    });
    valid.sort((a, b) => compare(a.data, b.data) || compare(a.databaseId, b.databaseId));
    try {
      const rows = await callProcedureBatch(
        this.client,
        'CONTACTO_INSERT_SALESFORCE',
        valid.map((v) => ({ DATA: v.data, ANI: v.ani, IDDATABASE: v.databaseId })),
      );
      for (const row of rows)
        outcomes[valid[Number(row[BATCH_ORDINAL]) - 1].index] = {
          status: 'fulfilled',
          value: toInsertResult(row),
        };
    } catch (error) {
      const mapped = toPgContactDbError(error);
      const whole =
        mapped instanceof ContactDbError &&
        (mapped.code === 'DATABASE_UNAVAILABLE' || mapped.code === 'TIMEOUT');
      const retried: PromiseSettledResult<InsertContactResult>[] = whole
        ? valid.map(() => ({ status: 'rejected', reason: mapped }))
        : await Promise.allSettled(
            valid.map((v) =>
              this.insertSalesforceContact({ data: v.data, ani: v.ani, databaseId: v.databaseId }),
            ),
          );
      retried.forEach((outcome, i) => (outcomes[valid[i].index] = outcome));
    }
    // The procedure answers one row per call or raises; a missing row would be a broken procedure.
    for (const v of valid)
      outcomes[v.index] ??= {
        status: 'rejected',
        reason: new Error('CONTACTO_INSERT_SALESFORCE returned no row'),
      };
    return outcomes;
  }

  /** Bounded by `signal` and, whatever the caller does, by the pool's connection and query time-outs. */
  async ping(signal?: AbortSignal): Promise<void> {
    try {
      await boundedBySignal(this.client.query('SELECT 1'), signal);
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

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
