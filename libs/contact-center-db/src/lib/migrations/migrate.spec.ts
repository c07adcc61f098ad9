import { PgliteClient } from '../sql/pglite-client';
import { createTestPostgres, probePostgres } from '../testing/test-databases';
import { POSTGRES_MIGRATIONS, runMigrations } from './migrate';

describe('runMigrations on PGlite', () => {
  let db: PgliteClient;
  beforeAll(async () => {
    db = await PgliteClient.open();
  });
  afterAll(() => db.close());

  it('applies every migration once, then nothing on the next start', async () => {
    const first = await runMigrations(db);
    expect(first.applied).toEqual(POSTGRES_MIGRATIONS.map((m) => m.id));
    const second = await runMigrations(db);
    expect(second).toEqual({ applied: [], drifted: [] });
    const rows = await db.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id');
    expect(rows.map((r) => r.id).sort()).toEqual(POSTGRES_MIGRATIONS.map((m) => m.id).sort());
  });

  it('re-applies changed procedures and reports a changed schema without running it', async () => {
    const changed = POSTGRES_MIGRATIONS.map((m) => ({ ...m, sql: `${m.sql}\n-- changed` }));
    const report = await runMigrations(db, changed);
    expect(report).toEqual({ applied: ['procedures'], drifted: ['001-schema', '006-dialer-runtime'] });
    await runMigrations(db);
  });
});

describe('runMigrations on PostgreSQL (loopback)', () => {
  let skip: string | null = null;
  beforeAll(async () => {
    skip = await probePostgres();
    if (skip) console.warn(`skipped: ${skip}`);
  });

  it('is safe from two processes at once: the advisory lock makes the second a no-op', async () => {
    if (skip) return;
    const pg = await createTestPostgres({ migrate: false });
    try {
      const { PgPoolClient } = await import('../sql/pg-pool-client');
      const second = new PgPoolClient({ connectionString: pg.url });
      try {
        const reports = await Promise.all([runMigrations(pg.client), runMigrations(second)]);
        const applied = reports.flatMap((r) => r.applied);
        expect(applied.sort()).toEqual(POSTGRES_MIGRATIONS.map((m) => m.id).sort());
      } finally {
        await second.close();
      }
    } finally {
      await pg.drop();
    }
  });
});
