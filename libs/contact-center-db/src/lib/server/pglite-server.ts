import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { runMigrations } from '../migrations/migrate';
import { PgliteClient } from '../sql/pglite-client';
import type { SqlClient } from '../sql/sql-client';
import { installPgliteFramingGuard } from './pglite-framing-guard';

export interface PgliteServerOptions {
  /** Folder the database lives in; in memory when omitted. */
  dataDir?: string;
  /** 0 picks a free port (tests); the URL says which. */
  port: number;
  host?: string;
  /** Concurrent socket connections; PGlite still runs one statement at a time (default 16). */
  maxConnections?: number;
}

export interface PgliteServer {
  /** The in-process client (the emulator's own queries), migrated. */
  client: SqlClient;
  /** postgres://postgres@host:port/postgres, for pg.Pool in other processes (the gateway). */
  url: string;
  close(): Promise<void>;
}

/**
 * The embedded database on a real PostgreSQL socket, so the gateway's pg
 * adapter reaches it exactly as it would reach a server. PGlite has one
 * backend: a transaction a socket client leaves open blocks everyone, which
 * is why the procedures are single calls and the in-process client waits
 * for foreign transactions to end (PgliteClient).
 */
export async function startPgliteServer(options: PgliteServerOptions): Promise<PgliteServer> {
  installPgliteFramingGuard();
  const client = await PgliteClient.open(options.dataDir ? { dataDir: options.dataDir } : {});
  try {
    await runMigrations(client);
    const host = options.host ?? '127.0.0.1';
    const server = new PGLiteSocketServer({
      db: client.db,
      port: options.port,
      host,
      maxConnections: options.maxConnections ?? 16,
    });
    await server.start();
    const port = Number(server.getServerConn().split(':').pop());
    let closed = false;
    return {
      client,
      url: `postgres://postgres@${host.includes(':') ? `[${host}]` : host}:${port}/postgres`,
      close: async () => {
        if (closed) return;
        closed = true;
        await server.stop();
        await client.close();
      },
    };
  } catch (error) {
    await client.close();
    throw error;
  }
}
