import type { Connection } from 'jsforce';
import { startTestEmulator, type TestEmulator } from '../testing/emulator-app';
import { clientCredentialsConnection, rejectionOf } from '../testing/jsforce-clients';

type Row = Record<string, unknown> & { Id: string };

/**
 * The exact requests the gateway's jsforce adapter (apps/gateway/src/app/crm)
 * sends, written out here because apps never import apps: if one of these
 * fails, the gateway would fail against this org the same way.
 */
const CRM_OBJECTS = ['Contact', 'Account', 'Lead', 'Opportunity'] as const;
const DISPLAY_FIELDS: Record<(typeof CRM_OBJECTS)[number], string[]> = {
  Contact: ['Name', 'Phone', 'Account.Name', 'Owner.Name'],
  Account: ['Name', 'Phone', 'AnnualRevenue', 'Owner.Name'],
  Lead: ['Name', 'Company', 'Status', 'Owner.Name'],
  Opportunity: ['Name', 'StageName', 'Amount', 'Owner.Name'],
};

describe("the gateway adapter's requests", () => {
  let emulator: TestEmulator;
  let conn: Connection;
  const rows = async (soql: string) => (await conn.query<Row>(soql)).records;

  beforeAll(async () => {
    emulator = await startTestEmulator({ SALESFORCE_EMULATOR_SEED_RECORDS: 200 });
    conn = await clientCredentialsConnection(emulator.url);
  });

  afterAll(() => emulator.close());

  it('finds by key field (neoSyncId__c, neoContactId__c) and by ids on every CRM object', async () => {
    for (const object of CRM_OBJECTS) {
      await rows(`SELECT Id, Name FROM ${object} WHERE neoSyncId__c = 900001 LIMIT 20`);
      await rows(`SELECT Id, Name FROM ${object} WHERE neoContactId__c = '123456' LIMIT 20`);
      const [some] = await rows(`SELECT Id FROM ${object} LIMIT 1`);
      const byIds = await rows(
        `SELECT Id, Name FROM ${object} WHERE Id IN ('${some.Id}', '${some.Id.slice(0, 15)}')`,
      );
      expect(byIds.map((r) => r.Id)).toEqual([some.Id]);
    }
  });

  it('retrieves the display fields of each object, relationship fields included', async () => {
    for (const object of CRM_OBJECTS) {
      const [some] = await rows(`SELECT Id FROM ${object} LIMIT 1`);
      const list = [...new Set(['Id', 'Name', ...DISPLAY_FIELDS[object]])];
      const [row] = await rows(`SELECT ${list.join(', ')} FROM ${object} WHERE Id = '${some.Id}' LIMIT 1`);
      expect(row['Owner']).toMatchObject({ Name: expect.any(String) });
    }
  });

  it('writes externalData back, creates records with neoSyncId__c and finds them at once by phone', async () => {
    const created = await conn.sobject('Lead').create({
      LastName: 'Llamante 1155550199',
      Company: 'Desconocido',
      Phone: '1155550199',
      neoSyncId__c: 777000111,
      neoContactId__c: '5001',
      neoBaseId__c: '12',
      neoCrmId__c: '3',
    });
    const id = created.id as string;
    expect(
      await conn.sobject('Lead').update({ Id: id, neoContactId__c: '5002', Phone: '+54 11 5555-0199' }),
    ).toMatchObject({ success: true });
    const exact = await rows(
      "SELECT RecordId__c, ObjectType__c FROM PhoneIndex__c WHERE E164__c = '+541155550199' LIMIT 100",
    );
    expect(exact).toEqual([expect.objectContaining({ RecordId__c: id, ObjectType__c: 'Lead' })]);
    const bySync = await rows('SELECT Id, Name FROM Lead WHERE neoSyncId__c = 777000111 LIMIT 20');
    expect(bySync.map((r) => r.Id)).toEqual([id]);
  });

  it('journals a call idempotently by CallObject, and refuses an update of TaskSubtype as Salesforce does', async () => {
    const task = {
      Subject: 'Llamada',
      Status: 'Completed',
      TaskSubtype: 'Call',
      CallType: 'Inbound',
      CallObject: 'gw-1',
      CallDurationInSeconds: 10,
    };
    const { id } = await conn.sobject('Task').create(task);
    const [existing] = await rows(
      "SELECT Id FROM Task WHERE CallObject = 'gw-1' ORDER BY CreatedDate LIMIT 1",
    );
    expect(existing.Id).toBe(id);
    const refused = await rejectionOf(conn.sobject('Task').update({ Id: existing.Id, ...task }));
    expect(refused).toMatchObject({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE' });
    const { TaskSubtype: _createOnly, ...changes } = task;
    expect(
      await conn.sobject('Task').update({ Id: existing.Id, ...changes, CallDurationInSeconds: 12 }),
    ).toMatchObject({ success: true });
  });

  it('pings with limits and searches every CRM object for the panel', async () => {
    expect((await conn.limits()).DailyApiRequests.Max).toBeGreaterThan(0);
    const returning = CRM_OBJECTS.map((o) => `${o}(Id, Name LIMIT 20)`).join(', ');
    const res = await conn.search(`FIND {Gonz\\-lez} IN ALL FIELDS RETURNING ${returning}`);
    expect(Array.isArray(res.searchRecords)).toBe(true);
  });
});
