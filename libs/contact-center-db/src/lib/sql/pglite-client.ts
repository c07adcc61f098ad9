import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Row, SqlClient, SqlQueryable } from './sql-client';

export interface PgliteOptions {
  /** Folder the database lives in; omitted: in memory, gone when closed. */
  dataDir?: string;
  /** Start from a dump (`dumpPglite`) instead of an empty cluster: much faster than initdb. */
  loadDataDir?: Blob;
}

/**
 * PGlite (PostgreSQL compiled to WebAssembly) as a SqlClient. One backend
 * serves everyone, including clients of the socket server: statements are
 * serialised, and a statement of ours must not land inside a transaction a
 * socket client left open, so it waits (briefly) for that one to end.
 */
export class PgliteClient implements SqlClient {
  readonly kind = 'pglite' as const;
  private closed = false;

  private constructor(readonly db: PGlite) {}

  static async open(options: PgliteOptions = {}): Promise<PgliteClient> {
    if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
    const db = await PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    return new PgliteClient(db);
  }

  async query<R extends Row = Row>(text: string, params: readonly unknown[] = []): Promise<R[]> {
    await this.outsideForeignTransaction();
    const result = await this.db.query<R>(text, [...params]);
    return result.rows;
  }

  async exec(script: string): Promise<void> {
    await this.outsideForeignTransaction();
    await this.db.exec(script);
  }

  async transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    await this.outsideForeignTransaction();
    return this.db.transaction(async (tx) =>
      fn({
        query: async <R extends Row = Row>(text: string, params: readonly unknown[] = []) =>
          (await tx.query<R>(text, [...params])).rows,
        exec: async (script: string) => {
          await tx.exec(script);
        },
      }),
    );
  }

  /** A gzipped copy of the whole database, to open again with `loadDataDir`. */
  async dump(): Promise<Blob> {
    return this.db.dumpDataDir('gzip');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.close();
  }

  private async outsideForeignTransaction(): Promise<void> {
    for (let waited = 0; this.db.isInTransaction() && waited < 5000; waited += 2) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
}
