import sql from 'mssql';
import { ContactDbError } from '../port/contact-db';
import {
  procedureErrorOfMssql,
  PROCEDURES,
  type ProcedureArgs,
  type ProcedureName,
  type SqlType,
} from '../sql/procedures';
import type { Row } from '../sql/sql-client';
import { ProcedureContactDb } from './procedure-contact-db';
import { boundedBySignal } from './bounded-by-signal';

export interface MssqlContactDbOptions {
  /**
   * `mssql://user:password@host:1433/database?instanceName=…` (also `sqlserver://`),
   * or an ADO.NET string `Server=host,1433;Database=…;User Id=…;Password=…`.
   */
  url: string;
  /** Overrides the database named in the URL. */
  database?: string;
  /** TLS to the server (default true, as Azure SQL and recent SQL Server expect). */
  encrypt?: boolean;
  /** Accept a self-signed server certificate (default false: only for a lab). */
  trustServerCertificate?: boolean;
  /** Milliseconds a procedure may run before it is cancelled (default 15 000). */
  requestTimeoutMs?: number;
  connectionTimeoutMs?: number;
  poolMax?: number;
}

/** Connection settings from the URL or ADO string, with the explicit options on top. */
export function mssqlConfigOf(options: MssqlContactDbOptions): sql.config {
  const base: sql.config = /^(mssql|sqlserver):\/\//i.test(options.url)
    ? fromUrl(options.url)
    : sql.ConnectionPool.parseConnectionString(options.url);
  return {
    ...base,
    ...(options.database ? { database: options.database } : {}),
    requestTimeout: options.requestTimeoutMs ?? base.requestTimeout ?? 15_000,
    connectionTimeout: options.connectionTimeoutMs ?? base.connectionTimeout ?? 15_000,
    pool: {
      ...base.pool,
      max: options.poolMax ?? base.pool?.max ?? 10,
      min: 0,
      // Waiting for a free connection is bounded like opening one (tarn's own default is 30 s).
      acquireTimeoutMillis:
        options.connectionTimeoutMs ?? base.pool?.acquireTimeoutMillis ?? base.connectionTimeout ?? 15_000,
    },
    options: {
      ...base.options,
      encrypt: options.encrypt ?? base.options?.encrypt ?? true,
      trustServerCertificate: options.trustServerCertificate ?? base.options?.trustServerCertificate ?? false,
      enableArithAbort: true,
    },
  };
}

function fromUrl(url: string): sql.config {
  const parsed = new URL(url.replace(/^sqlserver:/i, 'mssql:'));
  const flag = (name: string) => {
    const value = parsed.searchParams.get(name);
    return value === null ? undefined : /^(1|true|yes)$/i.test(value);
  };
  const instanceName = parsed.searchParams.get('instanceName') ?? undefined;
  return {
    server: decodeURIComponent(parsed.hostname),
    ...(parsed.port ? { port: Number(parsed.port) } : {}),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || undefined,
    options: {
      ...(instanceName ? { instanceName } : {}),
      ...(flag('encrypt') !== undefined ? { encrypt: flag('encrypt') } : {}),
      ...(flag('trustServerCertificate') !== undefined
        ? { trustServerCertificate: flag('trustServerCertificate') }
        : {}),
    },
  };
}

/** The parameter types, declared to the driver so SQL Server never guesses (STYLE #7). */
function mssqlType(type: SqlType): sql.ISqlType | (() => sql.ISqlType) {
  switch (type) {
    case 'text':
      return sql.NVarChar(4000);
    case 'bigint':
      return sql.BigInt;
    case 'int':
      return sql.Int;
    case 'boolean':
      return sql.Bit;
    case 'timestamptz':
      return sql.DateTimeOffset;
    case 'float8':
      return sql.Float;
  }
}

const UNAVAILABLE = new Set(['ELOGIN', 'ESOCKET', 'ECONNCLOSED', 'EINSTLOOKUP', 'ENOTOPEN', 'ENOCONN']);

/** Maps mssql failures onto the port's codes: THROW numbers, time-outs, an unreachable server. */
export function toMssqlContactDbError(error: unknown): unknown {
  if (error instanceof ContactDbError) return error;
  const failure = error as { number?: unknown; code?: unknown; message?: unknown; name?: unknown } | null;
  const message = typeof failure?.message === 'string' ? failure.message : String(error);
  const number = typeof failure?.number === 'number' ? failure.number : undefined;
  const code = procedureErrorOfMssql(number);
  if (code) return new ContactDbError(code, message);
  // 8152 / 2628: string or binary data would be truncated; 8114, 245: a conversion failed.
  if (number !== undefined && [8152, 2628, 8114, 245].includes(number))
    return new ContactDbError('INVALID_INPUT', message);
  if (failure?.code === 'ETIMEOUT')
    return new ContactDbError(
      failure.name === 'ConnectionError' ? 'DATABASE_UNAVAILABLE' : 'TIMEOUT',
      message,
    );
  if (typeof failure?.code === 'string' && UNAVAILABLE.has(failure.code))
    return new ContactDbError('DATABASE_UNAVAILABLE', message);
  // tarn's TimeoutError: no connection of the pool came free, nor could one be opened, in time.
  if (failure?.name === 'TimeoutError' || /Failed to acquire a connection/i.test(message))
    return new ContactDbError('DATABASE_UNAVAILABLE', message);
  return error;
}

/**
 * ContactDb over a customer's SQL Server: one pool, each method one EXEC of
 * a T-SQL procedure installed with mssqlInstallScript(). The pool connects
 * on first use and again after a failed connect, so a gateway that starts
 * before the database comes up recovers on its own.
 */
export class MssqlContactDb extends ProcedureContactDb {
  readonly dialect = 'mssql' as const;
  private readonly config: sql.config;
  private pool: Promise<sql.ConnectionPool> | undefined;
  private closed = false;

  constructor(options: MssqlContactDbOptions) {
    super();
    this.config = mssqlConfigOf(options);
  }

  /** Bounded by `signal` (the request is cancelled) and, whatever the caller does, by the time-outs of mssqlConfigOf. */
  async ping(signal?: AbortSignal): Promise<void> {
    try {
      await boundedBySignal(
        this.connect().then(async (pool) => {
          const request = pool.request();
          const cancel = () => request.cancel();
          signal?.addEventListener('abort', cancel, { once: true });
          try {
            await request.query('SELECT 1 AS ok');
          } finally {
            signal?.removeEventListener('abort', cancel);
          }
        }),
        signal,
      );
    } catch (error) {
      throw toMssqlContactDbError(error);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const pool = await this.pool?.catch(() => undefined);
    await pool?.close();
  }

  /** The pool itself, for tests and the install helper; connected. */
  async connect(): Promise<sql.ConnectionPool> {
    if (this.closed) throw new ContactDbError('DATABASE_UNAVAILABLE', 'the SQL Server adapter is closed');
    this.pool ??= new sql.ConnectionPool(this.config).connect().catch((error: unknown) => {
      this.pool = undefined;
      throw error;
    });
    return this.pool;
  }

  protected async run<N extends ProcedureName>(name: N, args: ProcedureArgs<N>): Promise<Row[]> {
    try {
      const request = (await this.connect()).request();
      for (const [param, type] of PROCEDURES[name].params) {
        const value = (args as Record<string, unknown>)[param];
        request.input(param, mssqlType(type), value === undefined ? null : value);
      }
      const result = await request.execute<Row>(`dbo.${name}`);
      return result.recordset ?? [];
    } catch (error) {
      throw toMssqlContactDbError(error);
    }
  }
}
