import { Pool, type PoolConfig } from 'pg';
import type { Row, SqlClient, SqlQueryable } from './sql-client';

export interface PgPoolOptions {
  /** postgres://user:password@host:port/database */
  connectionString: string;
  max?: number;
  /** Milliseconds a statement may run before the server cancels it. */
  statementTimeoutMs?: number;
  /**
   * Milliseconds the client waits for the answer to a query before it gives
   * up and drops the connection: the bound for a server that does not answer
   * at all (hung, or a black-holed route), where statement_timeout cannot
   * act. Defaults to statementTimeoutMs plus a second, so that a slow
   * statement still ends with the server's own cancel.
   */
  queryTimeoutMs?: number;
  /** Milliseconds to open a connection, or to wait for a free one of the pool (default 5000). */
  connectionTimeoutMs?: number;
  /** Told about errors of idle connections (the server restarted, the network dropped). */
  onError?: (error: Error) => void;
}

/**
 * A pg.Pool as a SqlClient. Errors of idle pooled connections are reported,
 * never thrown: without a listener Node would end the process.
 */
export class PgPoolClient implements SqlClient {
  readonly kind = 'postgres' as const;
  readonly pool: Pool;
  private closed = false;

  constructor(options: PgPoolOptions) {
    const config: PoolConfig = {
      connectionString: options.connectionString,
      max: options.max ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
      idleTimeoutMillis: 30_000,
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    };
    const queryTimeoutMs =
      options.queryTimeoutMs ?? (options.statementTimeoutMs ? options.statementTimeoutMs + 1000 : undefined);
    if (queryTimeoutMs) config.query_timeout = queryTimeoutMs;
    this.pool = new Pool(config);
    this.pool.on('error', (error) => options.onError?.(error));
  }

  async query<R extends Row = Row>(text: string, params: readonly unknown[] = []): Promise<R[]> {
    const result = await this.pool.query(text, [...params]);
    return result.rows as R[];
  }

  async exec(script: string): Promise<void> {
    // Without parameters pg uses the simple protocol, which accepts several statements.
    await this.pool.query(script);
  }

  async transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const value = await fn({
        query: async <R extends Row = Row>(text: string, params: readonly unknown[] = []) =>
          (await client.query(text, [...params])).rows as R[],
        exec: async (script: string) => {
          await client.query(script);
        },
      });
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
