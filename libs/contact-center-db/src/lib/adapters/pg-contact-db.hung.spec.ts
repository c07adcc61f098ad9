import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startPgliteServer, type PgliteServer } from '../server/pglite-server';
import { PgPoolClient } from '../sql/pg-pool-client';
import { PgContactDb } from './pg-contact-db';

/**
 * A pass-through to the database that can stop moving bytes while keeping
 * every connection open: a hung server, a black-holed route. The gateway's
 * TcpGate does the same; a library cannot import an app's fixtures.
 */
class HangingProxy {
  private server: Server | undefined;
  private readonly pairs = new Set<[Socket, Socket]>();
  private readonly everySocket = new Set<Socket>();
  private hung = false;

  constructor(private readonly targetPort: number) {}

  async open(): Promise<string> {
    this.server = createServer((client) => {
      this.everySocket.add(client);
      if (this.hung) {
        client.pause();
        return;
      }
      const upstream = connect(this.targetPort, '127.0.0.1');
      this.everySocket.add(upstream);
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      client.pipe(upstream);
      upstream.pipe(client);
      const drop = () => {
        this.pairs.delete(pair);
        pair.forEach((s) => s.destroy());
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `postgres://postgres@127.0.0.1:${(this.server?.address() as AddressInfo).port}/postgres`;
  }

  /** New connections flow again (the hung ones stay as they are). */
  release(): void {
    this.hung = false;
  }

  /** Not one byte more either way, on open connections and new ones; nothing is closed. */
  hang(): void {
    this.hung = true;
    for (const [client, upstream] of this.pairs) {
      client.unpipe();
      upstream.unpipe();
      client.pause();
      upstream.pause();
    }
  }

  async close(): Promise<void> {
    for (const socket of this.everySocket) socket.destroy();
    await new Promise((r) => this.server?.close(r));
  }
}

/** The error code a call ends with, or that it is still waiting once a bound far above every time-out is past. */
function outcomeOf(call: Promise<unknown>): Promise<unknown> {
  return Promise.race([
    call.then(
      () => 'answered',
      (e: { code?: string }) => e.code,
    ),
    new Promise((r) => setTimeout(() => r('still waiting after 10 s'), 10_000).unref()),
  ]);
}

/**
 * Issue 15 §6: a database that stops answering cannot hold a caller for
 * good. Before, a query on an open connection of a hung server waited
 * forever (statement_timeout is the server's, and the server was not
 * there), and so did the health probe that asked it.
 */
describe('PgContactDb against a hung database (issue 15 §6)', () => {
  let server: PgliteServer;
  let proxy: HangingProxy;
  let url: string;
  let pool: PgPoolClient;
  let db: PgContactDb;
  const pools: PgPoolClient[] = [];

  beforeAll(async () => {
    server = await startPgliteServer({ port: 0 });
    proxy = new HangingProxy(Number(new URL(server.url).port));
    url = await proxy.open();
  });

  /** A pool of one connection, open and idle when the database hangs: the case that waited for good. */
  beforeEach(async () => {
    proxy.release();
    pool = new PgPoolClient({
      connectionString: url,
      max: 1,
      statementTimeoutMs: 300,
      connectionTimeoutMs: 300,
    });
    pools.push(pool);
    db = new PgContactDb(pool);
    await db.ping();
  });

  afterAll(async () => {
    await proxy?.close();
    await Promise.all(pools.map((p) => p.close().catch(() => undefined)));
    await server?.close();
  });

  it("issue 15 §6: a ping gives up as soon as its caller's signal aborts", async () => {
    proxy.hang();
    expect(await outcomeOf(db.ping(AbortSignal.timeout(50)))).toBe('DATABASE_UNAVAILABLE');
  });

  it('issue 15 §6: fails a query on an open connection with DATABASE_UNAVAILABLE instead of waiting for good', async () => {
    proxy.hang();
    expect(await outcomeOf(db.ping())).toBe('DATABASE_UNAVAILABLE');
    // The dropped connection is replaced; the new one cannot open either, and says so in time.
    expect(await outcomeOf(db.insertSalesforceContact({ data: 'HUNG-1', ani: '', databaseId: '31' }))).toBe(
      'DATABASE_UNAVAILABLE',
    );
  });
});
