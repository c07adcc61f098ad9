import { PG_FIXTURE_STATEMENTS, FIXTURE as F } from '../testing/behaviour-fixture';
import { openTestPglite } from '../testing/test-databases';
import type { PgliteClient } from '../sql/pglite-client';
import { PgPoolClient } from '../sql/pg-pool-client';
import { PgContactDb } from './pg-contact-db';

/** What PgContactDb adds to the shared behaviour: a batch is one statement, and a failed one is retried alone. */
describe('PgContactDb.insertSalesforceContacts', () => {
  let client: PgliteClient;
  let db: PgContactDb;
  let statements: string[];

  beforeAll(async () => {
    client = await openTestPglite();
    for (const statement of PG_FIXTURE_STATEMENTS) await client.query(statement);
    db = new PgContactDb(client);
  });
  afterAll(() => client.close());

  beforeEach(() => {
    statements = [];
    const query = client.query.bind(client);
    jest.spyOn(client, 'query').mockImplementation((text, params) => {
      statements.push(text.includes('unnest') ? 'batch' : 'single');
      return query(text, params);
    });
  });
  afterEach(() => jest.restoreAllMocks());

  it('sends valid inputs in one statement, and checks the others before any round trip', async () => {
    const outcomes = await db.insertSalesforceContacts([
      { data: 'ONE-STATEMENT-3', ani: '', databaseId: F.dbVentas },
      { data: 'ONE-STATEMENT-1', ani: '', databaseId: F.dbVentas },
      { data: 'x'.repeat(256), ani: '', databaseId: F.dbVentas },
      { data: 'ONE-STATEMENT-2', ani: '', databaseId: F.dbVentas },
    ]);
    expect(statements).toEqual(['batch']);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value.data : 'refused'))).toEqual([
      'ONE-STATEMENT-3',
      'ONE-STATEMENT-1',
      'refused',
      'ONE-STATEMENT-2',
    ]);
  });

  it('keeps nothing of a statement that failed and retries each input on its own', async () => {
    const outcomes = await db.insertSalesforceContacts([
      { data: 'RETRIED-1', ani: '', databaseId: F.dbVentas },
      { data: 'RETRIED-2', ani: '', databaseId: '424242' },
    ]);
    expect(statements).toEqual(['batch', 'single', 'single']);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
    // Created once, by the retry: the failed statement left no row behind.
    expect(outcomes[0]).toMatchObject({ value: { created: true } });
  });

  it('fails every input when the database does not answer', async () => {
    const down = new PgPoolClient({ connectionString: 'postgres://postgres@127.0.0.1:9/none', max: 1 });
    const outcomes = await new PgContactDb(down, { ownsClient: true }).insertSalesforceContacts([
      { data: 'A', ani: '', databaseId: F.dbVentas },
      { data: 'B', ani: '', databaseId: F.dbVentas },
    ]);
    await down.close();
    expect(
      outcomes.map((o) => (o.status === 'rejected' ? (o.reason as { code: string }).code : 'ok')),
    ).toEqual(['DATABASE_UNAVAILABLE', 'DATABASE_UNAVAILABLE']);
  });
});
