import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openContactDb } from '../adapters/open-contact-db';
import { seedDemoData, DEMO_IDS } from '../seed/seed-demo-data';
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
});
