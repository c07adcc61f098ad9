import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { Client } from 'pg';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openContactDb } from '../adapters/open-contact-db';
import { seedDemoData, DEMO_IDS } from '../seed/seed-demo-data';
import { framingProblem } from './pglite-framing-guard';
import { startPgliteServer } from './pglite-server';

describe('startPgliteServer', () => {
  it('serves the migrated, seeded database to another client over a real socket', async () => {
    const server = await startPgliteServer({ port: 0 });
    try {
      await seedDemoData(server.client, { contacts: 40 });
      expect(server.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      expect(server.url).not.toMatch(/:0\//);
      // The gateway's path: the pg adapter over the socket, migrations included (a no-op here).
      const db = await openContactDb({ kind: 'postgres', url: server.url, poolMax: 4 });
      try {
        const results = await Promise.all(
          Array.from({ length: 20 }, () =>
            db.insertSalesforceContact({
              data: 'SOCKET-RACE',
              ani: '+5491155551234',
              databaseId: DEMO_IDS.databases.entrantes,
            }),
          ),
        );
        expect(new Set(results.map((r) => r.contactId)).size).toBe(1);
        expect(results.filter((r) => r.created)).toHaveLength(1);
        const [row] = await server.client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM contacts WHERE clave_1 = 'SOCKET-RACE'`,
        );
        expect(row.n).toBe(1);
      } finally {
        await db.close();
      }
    } finally {
      await server.close();
    }
  });

  it('persists in its data folder across restarts', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'puente-pglite-'));
    try {
      const first = await startPgliteServer({ port: 0, dataDir });
      await first.client.query(`INSERT INTO crms (id, name) VALUES (77, 'Persistido')`);
      await first.close();
      const second = await startPgliteServer({ port: 0, dataDir });
      const rows = await second.client.query<{ name: string }>('SELECT name FROM crms WHERE id = 77');
      await second.close();
      expect(rows).toEqual([{ name: 'Persistido' }]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('closes a connection that does not speak the protocol and keeps serving everyone else (issue 14 §3)', async () => {
    const server = await startPgliteServer({ port: 0 });
    try {
      const { port } = new URL(server.url);
      // A typed message whose length is negative: pglite-socket alone loops on it forever.
      const garbage = Buffer.from([0x51, 0xff, 0xff, 0xff, 0xf0, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07]);
      const closed = await new Promise<boolean>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1', () => socket.write(garbage));
        socket.on('close', () => resolve(true));
        socket.on('error', () => undefined);
        setTimeout(() => {
          socket.destroy();
          resolve(false);
        }, 3000).unref();
      });
      expect(closed).toBe(true);
      const client = new Client({ connectionString: server.url });
      await client.connect();
      try {
        expect((await client.query('SELECT 41 + 1 AS answer')).rows).toEqual([{ answer: 42 }]);
      } finally {
        await client.end();
      }
    } finally {
      await server.close();
    }
  }, 30_000);

  it('tells bytes that frame like the protocol from bytes that cannot', () => {
    const startup = Buffer.alloc(16);
    startup.writeInt32BE(16, 0);
    startup.writeInt32BE(196_608, 4);
    const query = Buffer.concat([Buffer.from('Q'), Buffer.from([0, 0, 0, 9]), Buffer.from('SELECT')]);
    expect(framingProblem(Buffer.concat([startup, query]))).toBeNull();
    expect(framingProblem(Buffer.from([0x51, 0xff, 0xff, 0xff, 0xf0]))).toMatch(/length -16/);
    expect(framingProblem(Buffer.from([0x51, 0, 0, 0, 2, 1, 2, 3]))).toMatch(/length 2/);
    const badStartup = Buffer.alloc(8);
    badStartup.writeInt32BE(4, 0);
    badStartup.writeInt32BE(196_608, 4);
    expect(framingProblem(badStartup)).toMatch(/startup/);
  });
});
