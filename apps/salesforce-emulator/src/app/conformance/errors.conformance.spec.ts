import { Connection } from 'jsforce';
import { startTestEmulator, type TestEmulator } from '../testing/emulator-app';
import { API_VERSION, clientCredentialsConnection, rejectionOf } from '../testing/jsforce-clients';

/** The raw answer, to check status and body exactly as Salesforce shapes them. */
async function raw(url: string, token: string, init: RequestInit = {}) {
  const res = await fetch(url, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...init.headers },
  });
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as unknown };
}

describe('errors as Salesforce shapes them, and as jsforce surfaces them', () => {
  let emulator: TestEmulator;
  let conn: Connection;
  let data: string;

  beforeAll(async () => {
    emulator = await startTestEmulator({ SALESFORCE_EMULATOR_SEED_RECORDS: 50 });
    conn = await clientCredentialsConnection(emulator.url);
    data = `${emulator.url}/services/data/v${API_VERSION}`;
  });

  afterAll(() => emulator.close());

  it('401 INVALID_SESSION_ID for a missing or unknown token', async () => {
    expect(await raw(`${data}/limits`, 'bogus')).toEqual({
      status: 401,
      type: 'application/json;charset=UTF-8',
      body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
    });
    const stranger = new Connection({
      instanceUrl: emulator.url,
      accessToken: 'bogus',
      version: API_VERSION,
    });
    expect(await rejectionOf(stranger.query('SELECT Id FROM Contact'))).toMatchObject({
      name: 'INVALID_SESSION_ID',
      errorCode: 'INVALID_SESSION_ID',
      message: 'Session expired or invalid',
    });
  });

  it('400 MALFORMED_QUERY for bad SOQL, with the place it went wrong', async () => {
    const error = await rejectionOf(conn.query('SELECT Id FROM Contact WHERE'));
    expect(error).toMatchObject({ errorCode: 'MALFORMED_QUERY' });
    expect(error.message).toMatch(/unexpected token/i);
    const res = await raw(
      `${data}/query?q=${encodeURIComponent('SELEC Id FROM Contact')}`,
      conn.accessToken as string,
    );
    expect(res.status).toBe(400);
    expect(res.body).toEqual([{ message: expect.any(String), errorCode: 'MALFORMED_QUERY' }]);
  });

  it('400 INVALID_FIELD for an unknown field, and INVALID_TYPE for an unknown object', async () => {
    const field = await rejectionOf(conn.query('SELECT Id, Nonsense__c FROM Contact'));
    expect(field).toMatchObject({ errorCode: 'INVALID_FIELD' });
    expect(field.message).toContain("No such column 'Nonsense__c' on entity 'Contact'");
    const type = await rejectionOf(conn.query('SELECT Id FROM Nothing__c'));
    expect(type).toMatchObject({ errorCode: 'INVALID_TYPE' });
    expect(type.message).toContain("sObject type 'Nothing__c' is not supported");
    const create = await rejectionOf(conn.sobject('Contact').create({ LastName: 'X', Bogus__c: 1 }));
    expect(create).toMatchObject({ errorCode: 'INVALID_FIELD' });
  });

  it('400 MALFORMED_ID for an id that is not one, or of another object', async () => {
    const res = await raw(`${data}/sobjects/Contact/001000000000000AAA`, conn.accessToken as string);
    expect(res.status).toBe(400);
    expect(res.body).toEqual([
      {
        message: expect.stringContaining('id value of incorrect type'),
        errorCode: 'MALFORMED_ID',
        fields: ['Id'],
      },
    ]);
    const error = await rejectionOf(conn.sobject('Task').create({ Subject: 'x', WhoId: 'not-an-id' }));
    expect(error).toMatchObject({ errorCode: 'MALFORMED_ID' });
  });

  it('400 REQUIRED_FIELD_MISSING naming the fields', async () => {
    const res = await raw(`${data}/sobjects/Lead`, conn.accessToken as string, {
      method: 'POST',
      body: JSON.stringify({ FirstName: 'Sin datos' }),
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual([
      {
        message: expect.stringContaining('Required fields are missing'),
        errorCode: 'REQUIRED_FIELD_MISSING',
        fields: expect.arrayContaining(['LastName', 'Company']),
      },
    ]);
    const error = await rejectionOf(conn.sobject('Lead').create({ FirstName: 'Sin datos' }));
    expect(error).toMatchObject({
      errorCode: 'REQUIRED_FIELD_MISSING',
      data: { fields: expect.arrayContaining(['LastName']) },
    });
  });

  it('400 DUPLICATE_VALUE on a unique external id (neoSyncId__c)', async () => {
    await conn.sobject('Contact').create({ LastName: 'Primero', neoSyncId__c: 4242 });
    // Unique per object, as on Salesforce: a Lead may reuse it, a second Contact may not.
    expect(
      await conn.sobject('Lead').create({ LastName: 'Otro', Company: 'Y', neoSyncId__c: 4242 }),
    ).toMatchObject({ success: true });
    const error2 = await rejectionOf(
      conn.sobject('Contact').create({ LastName: 'Segundo', neoSyncId__c: 4242 }),
    );
    // Salesforce names the field in the message and leaves `fields` empty for this error.
    expect(error2).toMatchObject({ errorCode: 'DUPLICATE_VALUE', data: { fields: [] } });
    expect(error2.message).toMatch(
      /duplicate value found: neoSyncId__c duplicates value on record with id: 003/,
    );
  });

  it('404 NOT_FOUND for a record that does not exist, an unknown resource or object URL', async () => {
    const missing = await rejectionOf(conn.sobject('Contact').retrieve('003Pu00000ZZZZZIAA'));
    expect(missing).toMatchObject({ errorCode: 'NOT_FOUND' });
    const res = await raw(`${data}/sobjects/Nothing__c/describe`, conn.accessToken as string);
    expect(res).toMatchObject({
      status: 404,
      body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }],
    });
    expect((await raw(`${data}/no/such/thing`, conn.accessToken as string)).status).toBe(404);
  });

  it('400 JSON_PARSER_ERROR for a body that is not JSON, and 405 for a wrong method', async () => {
    const res = await raw(`${data}/sobjects/Contact`, conn.accessToken as string, {
      method: 'POST',
      body: '{"LastName": ',
    });
    expect(res).toMatchObject({ status: 400, body: [{ errorCode: 'JSON_PARSER_ERROR' }] });
    const put = await raw(`${data}/limits`, conn.accessToken as string, { method: 'DELETE' });
    expect(put).toMatchObject({ status: 405, body: [{ errorCode: 'METHOD_NOT_ALLOWED' }] });
  });

  it('a bad field value is refused with the type Salesforce names', async () => {
    const error = await rejectionOf(
      conn.sobject('Task').create({ Subject: 'x', CallDurationInSeconds: 'long' }),
    );
    expect(error.errorCode).toMatch(/^(JSON_PARSER_ERROR|INVALID_TYPE_ON_FIELD_IN_RECORD)$/);
    const picklist = await rejectionOf(conn.sobject('Task').create({ Subject: 'x', CallType: 'Sideways' }));
    expect(picklist).toMatchObject({ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' });
  });
});
