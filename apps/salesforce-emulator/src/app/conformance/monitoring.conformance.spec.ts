import type { Connection } from 'jsforce';
import type { ApiEvent } from '../monitoring/api-events';
import { startTestEmulator, type TestEmulator } from '../testing/emulator-app';
import { clientCredentialsConnection, DEMO } from '../testing/jsforce-clients';

/** The API event log at /__emulator/api-events: what reached the org, as Event Monitoring would show it. */
describe('the API event log with jsforce as the client', () => {
  let emulator: TestEmulator;
  let conn: Connection;

  beforeAll(async () => {
    emulator = await startTestEmulator({ SALESFORCE_EMULATOR_SEED_RECORDS: 50 });
    conn = await clientCredentialsConnection(emulator.url);
  });

  afterAll(() => emulator.close());

  async function eventsAfter(after?: number): Promise<{ last: number; events: ApiEvent[] }> {
    const res = await fetch(
      `${emulator.url}/__emulator/api-events${after === undefined ? '' : `?after=${after}`}`,
    );
    expect(res.status).toBe(200);
    return (await res.json()) as { last: number; events: ApiEvent[] };
  }

  it('logs each call with its user, URI, query text, the objects it named and its status', async () => {
    const { last } = await eventsAfter();
    const [contact] = (await conn.query<{ Id: string }>('SELECT Id FROM Contact LIMIT 1')).records;
    await conn.sobject('Contact').retrieve(contact.Id);
    await conn.search('FIND {Acme} IN ALL FIELDS RETURNING Account(Id), Lead(Id)');
    await expect(conn.query('SELECT Id FROM Nothing__c')).rejects.toMatchObject({
      errorCode: 'INVALID_TYPE',
    });

    const { events } = await eventsAfter(last);
    expect(events.map((e) => [e.method, e.uri, e.queriedEntities, e.statusCode])).toEqual([
      ['GET', '/query', ['Contact'], 200],
      ['GET', `/sobjects/Contact/${contact.Id}`, ['Contact'], 200],
      ['GET', '/search', ['Account', 'Lead'], 200],
      ['GET', '/query', ['Nothing__c'], 400],
    ]);
    expect(events[0]).toMatchObject({
      username: DEMO.integrationUser,
      query: 'SELECT Id FROM Contact LIMIT 1',
    });
    expect(events.map((e) => e.seq)).toEqual([last + 1, last + 2, last + 3, last + 4]);
  });

  it('logs a query the org could not parse, with no objects', async () => {
    const { last } = await eventsAfter();
    await expect(conn.query('SELEC Id FROM User')).rejects.toMatchObject({ errorCode: 'MALFORMED_QUERY' });
    expect((await eventsAfter(last)).events).toEqual([
      expect.objectContaining({ query: 'SELEC Id FROM User', queriedEntities: [], statusCode: 400 }),
    ]);
  });

  it('refuses a mark that is not a whole number', async () => {
    const res = await fetch(`${emulator.url}/__emulator/api-events?after=abc`);
    expect(res.status).toBe(400);
  });
});
