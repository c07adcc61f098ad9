import type { Connection } from 'jsforce';
import { startTestEmulator, type TestEmulator } from '../testing/emulator-app';
import { clientCredentialsConnection } from '../testing/jsforce-clients';

type Row = Record<string, unknown> & { Id: string };

interface CompositeResponse {
  compositeResponse: {
    body: unknown;
    httpHeaders: Record<string, string>;
    httpStatusCode: number;
    referenceId: string;
  }[];
}

describe('records, metadata and composite with jsforce as the client', () => {
  let emulator: TestEmulator;
  let conn: Connection;

  beforeAll(async () => {
    emulator = await startTestEmulator({ SALESFORCE_EMULATOR_SEED_RECORDS: 100 });
    conn = await clientCredentialsConnection(emulator.url);
  });

  afterAll(() => emulator.close());

  it('creates, retrieves (all fields or some), updates and destroys a record', async () => {
    const created = await conn.sobject('Contact').create({
      FirstName: 'Elena',
      LastName: 'Vidal',
      Phone: '+54 11 4000-1234',
      neoContactId__c: '778899',
    });
    expect(created).toEqual({ id: expect.stringMatching(/^003\w{15}$/), success: true, errors: [] });
    const id = created.id as string;
    const full = (await conn.sobject('Contact').retrieve(id)) as Row;
    expect(full).toMatchObject({
      attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${id}` },
      Id: id,
      Name: 'Elena Vidal',
      OwnerId: conn.userInfo?.id,
      neoContactId__c: '778899',
      neoSyncId__c: null,
      IsDeleted: false,
      CreatedDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/),
    });
    const some = (await conn.sobject('Contact').retrieve(id, { fields: ['LastName', 'Phone'] })) as Row;
    expect(Object.keys(some).sort()).toEqual(['Id', 'LastName', 'Phone', 'attributes']);
    expect(await conn.sobject('Contact').update({ Id: id, Title: 'Gerente' })).toEqual({
      id,
      success: true,
      errors: [],
    });
    expect(((await conn.sobject('Contact').retrieve(id)) as Row)['Title']).toBe('Gerente');
    expect(await conn.sobject('Contact').destroy(id)).toEqual({ id, success: true, errors: [] });
    expect(
      await conn
        .sobject('Contact')
        .retrieve(id)
        .catch((e: { errorCode: string }) => e.errorCode),
    ).toBe('ENTITY_IS_DELETED');
  });

  it('logs a call as a Task with every call field the gateway writes', async () => {
    const [who] = (await conn.query<Row>('SELECT Id, AccountId FROM Contact WHERE AccountId != null LIMIT 1'))
      .records;
    const task = {
      Subject: 'Llamada entrante',
      Status: 'Completed',
      Priority: 'Normal',
      ActivityDate: '2024-05-15',
      WhoId: who.Id,
      WhatId: who['AccountId'],
      OwnerId: conn.userInfo?.id,
      Description: 'Consulta por factura',
      TaskSubtype: 'Call',
      CallType: 'Inbound',
      CallDurationInSeconds: 125,
      CallObject: 'C-2024-0001',
      CallDisposition: 'Venta - Cerrada',
    };
    const { id } = await conn.sobject('Task').create(task);
    const stored = (await conn.sobject('Task').retrieve(id as string)) as Row;
    expect(stored).toMatchObject({ ...task, IsClosed: true });
  });

  it('upserts by external id: 201 created, then 200 updated, and 300 on several matches', async () => {
    const first = await conn
      .sobject('Lead')
      .upsert({ neoSyncId__c: 123456, LastName: 'Sync', Company: 'Sync S.A.' }, 'neoSyncId__c');
    expect(first).toMatchObject({ success: true, created: true, id: expect.stringMatching(/^00Q/) });
    const again = await conn
      .sobject('Lead')
      .upsert({ neoSyncId__c: 123456, Company: 'Sync SRL' }, 'neoSyncId__c');
    expect(again).toMatchObject({ success: true, created: false, id: first.id });
    const byExt = (await conn.request<Row>('/services/data/v62.0/sobjects/Lead/neoSyncId__c/123456')).Company;
    expect(byExt).toBe('Sync SRL');
    // E164__c is an external id that is not unique: the switchboard number is on an Account and a Contact.
    const shared = await conn.query<Row>(
      "SELECT RecordId__c FROM PhoneIndex__c WHERE E164__c = '+541145550003'",
    );
    expect(shared.totalSize).toBeGreaterThan(1);
    const error = await conn
      .request({
        method: 'PATCH',
        url: '/services/data/v62.0/sobjects/PhoneIndex__c/E164__c/+541145550003',
        body: '{}',
      })
      .catch((e: { errorCode: string; data: unknown }) => e);
    // jsforce turns the 300 and its list of record URLs into MULTIPLE_CHOICES.
    expect(error).toMatchObject({ errorCode: 'MULTIPLE_CHOICES' });
  });

  it('creates and updates several records at once (sObject collections)', async () => {
    const results = await conn
      .sobject('Account')
      .create([{ Name: 'Uno S.A.' }, { Name: 'Dos S.A.' }], { allOrNone: true });
    expect(results).toEqual([
      { id: expect.stringMatching(/^001/), success: true, errors: [] },
      { id: expect.stringMatching(/^001/), success: true, errors: [] },
    ]);
    const ids = results.map((r) => r.id as string);
    const updated = await conn.sobject('Account').update(ids.map((Id) => ({ Id, Rating: 'Hot' })));
    expect(updated.every((r) => r.success)).toBe(true);
    const back = (await conn.sobject('Account').retrieve(ids)) as Row[];
    expect(back.map((a) => a['Rating'])).toEqual(['Hot', 'Hot']);
    const mixed = await conn
      .sobject('Account')
      .create([{ Name: 'Tres S.A.' }, { Website: 'sin-nombre' }], { allOrNone: false });
    expect(mixed[0].success).toBe(true);
    expect(mixed[1]).toMatchObject({
      success: false,
      errors: [expect.objectContaining({ statusCode: 'REQUIRED_FIELD_MISSING', fields: ['Name'] })],
    });
    expect(await conn.sobject('Account').destroy(ids)).toEqual(
      ids.map((id) => ({ id, success: true, errors: [] })),
    );
  });

  it('describes the org and each object, with the custom fields Puente needs', async () => {
    const global = await conn.describeGlobal();
    const names = global.sobjects.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining(['Account', 'Contact', 'Lead', 'Opportunity', 'Task', 'User', 'PhoneIndex__c']),
    );
    expect(global.sobjects.find((s) => s.name === 'Contact')).toMatchObject({
      keyPrefix: '003',
      queryable: true,
      custom: false,
    });
    // The fields of salesforce/force-app (issue 17 §1): on the four objects a pop finds or creates.
    for (const name of ['Contact', 'Account', 'Lead', 'Opportunity']) {
      const d = await conn.sobject(name).describe();
      const sync = d.fields.find((f) => f.name === 'neoSyncId__c');
      expect(sync).toMatchObject({
        type: 'double',
        precision: 18,
        scale: 0,
        externalId: true,
        unique: true,
        custom: true,
      });
      expect(d.fields.map((f) => f.name)).toEqual(
        expect.arrayContaining(['neoContactId__c', 'neoBaseId__c', 'neoCrmId__c']),
      );
    }
    const task = await conn.sobject('Task').describe();
    expect(task.fields.find((f) => f.name === 'CallType')?.picklistValues?.map((p) => p.value)).toEqual([
      'Inbound',
      'Outbound',
      'Internal',
    ]);
    expect(task.fields.find((f) => f.name === 'WhoId')?.referenceTo).toEqual(['Contact', 'Lead']);
  });

  it('runs composite requests with references between subrequests, and rolls back with allOrNone', async () => {
    const res = await conn.requestPost<CompositeResponse>('/services/data/v62.0/composite', {
      allOrNone: true,
      compositeRequest: [
        {
          method: 'POST',
          url: '/services/data/v62.0/sobjects/Account',
          referenceId: 'acct',
          body: { Name: 'Compuesta S.A.' },
        },
        {
          method: 'POST',
          url: '/services/data/v62.0/sobjects/Contact',
          referenceId: 'person',
          body: { LastName: 'Compuesto', AccountId: '@{acct.id}' },
        },
        {
          method: 'GET',
          url: '/services/data/v62.0/sobjects/Contact/@{person.id}?fields=Account.Name',
          referenceId: 'read',
        },
      ],
    });
    expect(res.compositeResponse.map((r) => [r.referenceId, r.httpStatusCode])).toEqual([
      ['acct', 201],
      ['person', 201],
      ['read', 200],
    ]);
    expect(res.compositeResponse[2].body).toMatchObject({ Account: { Name: 'Compuesta S.A.' } });
    const failed = await conn.requestPost<CompositeResponse>('/services/data/v62.0/composite', {
      allOrNone: true,
      compositeRequest: [
        {
          method: 'POST',
          url: '/services/data/v62.0/sobjects/Account',
          referenceId: 'ok',
          body: { Name: 'Revertida S.A.' },
        },
        {
          method: 'POST',
          url: '/services/data/v62.0/sobjects/Contact',
          referenceId: 'bad',
          body: { FirstName: 'Sin apellido' },
        },
      ],
    });
    expect(failed.compositeResponse.map((r) => r.httpStatusCode)).toEqual([400, 400]);
    expect(failed.compositeResponse[0].body).toEqual([
      expect.objectContaining({ errorCode: 'PROCESSING_HALTED' }),
    ]);
    expect(failed.compositeResponse[1].body).toEqual([
      expect.objectContaining({ errorCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName'] }),
    ]);
    expect((await conn.query("SELECT COUNT() FROM Account WHERE Name = 'Revertida S.A.'")).totalSize).toBe(0);
  });

  it('reports limits, and the API usage on every response', async () => {
    const limits = await conn.limits();
    expect(limits.DailyApiRequests.Max).toBe(100000);
    expect(limits.DailyApiRequests.Remaining).toBeLessThan(100000);
    const res = await fetch(`${emulator.url}/services/data/v62.0/limits`, {
      headers: { Authorization: `Bearer ${conn.accessToken}` },
    });
    expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(res.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/100000$/);
  });
});
