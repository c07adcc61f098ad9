import type { Connection } from 'jsforce';
import { startTestEmulator, type TestEmulator } from '../testing/emulator-app';
import { clientCredentialsConnection, rejectionOf } from '../testing/jsforce-clients';

type Row = Record<string, unknown> & { Id: string };

describe('SOQL, queryMore and SOSL with jsforce as the client', () => {
  let emulator: TestEmulator;
  let conn: Connection;
  const rows = async (soql: string) => (await conn.query<Row>(soql)).records;

  beforeAll(async () => {
    emulator = await startTestEmulator({ SALESFORCE_EMULATOR_SEED_RECORDS: 1200 });
    conn = await clientCredentialsConnection(emulator.url);
  });

  afterAll(() => emulator.close());

  it('returns records with attributes and relationship fields as nested objects', async () => {
    const [ana] = await rows(
      "SELECT Id, Name, Account.Name, Owner.Email FROM Contact WHERE LastName = 'Romero' AND FirstName = 'Ana' LIMIT 1",
    );
    expect(ana).toMatchObject({
      attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${ana.Id}` },
      Name: 'Ana Romero',
      Account: { attributes: { type: 'Account' }, Name: 'Acme Argentina S.A.' },
      Owner: { Email: expect.stringMatching(/@puente\.demo$/) },
    });
    expect(ana.Id).toMatch(/^003\w{15}$/);
  });

  it('filters with AND, OR, NOT, comparisons, LIKE, IN, NOT IN and null', async () => {
    const all = await rows('SELECT Id, Amount, StageName FROM Opportunity');
    const big = await rows(
      "SELECT Id FROM Opportunity WHERE Amount > 100000 AND (StageName = 'Closed Won' OR StageName = 'Closed Lost')",
    );
    expect(big.length).toBe(
      all.filter(
        (o) =>
          (o['Amount'] as number) > 100000 &&
          ['Closed Won', 'Closed Lost'].includes(o['StageName'] as string),
      ).length,
    );
    const notIn = await rows(
      "SELECT Id FROM Opportunity WHERE StageName NOT IN ('Closed Won', 'Closed Lost')",
    );
    const inList = await rows("SELECT Id FROM Opportunity WHERE StageName IN ('Closed Won', 'Closed Lost')");
    expect(notIn.length + inList.length).toBe(all.length);
    const negated = await rows('SELECT Id FROM Opportunity WHERE NOT (Amount < 100000)');
    expect(negated.length).toBe(all.filter((o) => !((o['Amount'] as number) < 100000)).length);
    const likes = await rows("SELECT Id, Email FROM Contact WHERE Email LIKE '%@example.com'");
    expect(likes.every((c) => String(c['Email']).endsWith('@example.com'))).toBe(true);
    const noAccount = await rows('SELECT Id, AccountId FROM Contact WHERE AccountId = null');
    expect(noAccount.length).toBeGreaterThan(0);
    expect(noAccount.every((c) => c['AccountId'] === null)).toBe(true);
    const different = await rows("SELECT Id FROM Lead WHERE Status != 'Open - Not Contacted'");
    expect(different.length).toBeGreaterThan(0);
  });

  it('understands date literals, ORDER BY, LIMIT and OFFSET', async () => {
    const recent = await rows(
      'SELECT Id, CreatedDate FROM Task WHERE CreatedDate = LAST_N_DAYS:30 ORDER BY CreatedDate DESC',
    );
    const cutoff = Date.now() - 31 * 86_400_000;
    expect(recent.every((t) => Date.parse(String(t['CreatedDate'])) >= cutoff)).toBe(true);
    const dates = recent.map((t) => String(t['CreatedDate']));
    expect([...dates].sort().reverse()).toEqual(dates);
    const closing = await rows('SELECT Id FROM Opportunity WHERE CloseDate > TODAY');
    expect(closing.length).toBeGreaterThan(0);
    const page = await rows('SELECT Id FROM Contact ORDER BY LastName, Id LIMIT 5 OFFSET 5');
    const first10 = await rows('SELECT Id FROM Contact ORDER BY LastName, Id LIMIT 10');
    expect(page.map((r) => r.Id)).toEqual(first10.slice(5).map((r) => r.Id));
  });

  it('counts with COUNT()', async () => {
    const res = await conn.query('SELECT COUNT() FROM Lead');
    expect(res.records).toEqual([]);
    expect(res.totalSize).toBe((await rows('SELECT Id FROM Lead')).length);
  });

  it('pages large results through nextRecordsUrl: queryMore and autoFetch', async () => {
    const total = (await conn.query('SELECT COUNT() FROM Contact')).totalSize;
    const headers = { 'Sforce-Query-Options': 'batchSize=200' };
    const first = await conn.query<Row>('SELECT Id FROM Contact', { autoFetch: false, headers });
    expect(first).toMatchObject({
      done: false,
      totalSize: total,
      // jsforce rebuilds the URL from the locator; the org itself answers a relative URL.
      nextRecordsUrl: expect.stringMatching(/\/services\/data\/v62\.0\/query\/01g\w{15}-200$/),
    });
    expect(first.records).toHaveLength(200);
    const page = await conn.queryMore<Row>(first.nextRecordsUrl as string);
    expect(page.records[0].Id).not.toBe(first.records[0].Id);
    const fetched = await conn.query<Row>('SELECT Id FROM Contact', {
      autoFetch: true,
      maxFetch: 100_000,
      headers,
    });
    expect(fetched.records).toHaveLength(total);
    expect(new Set(fetched.records.map((r) => r.Id)).size).toBe(total);
    const streamed: Row[] = [];
    await new Promise<void>((resolve, reject) => {
      conn
        .query<Row>('SELECT Id FROM Contact ORDER BY Id')
        .on('record', (r: Row) => streamed.push(r))
        .on('end', () => resolve())
        .on('error', reject)
        .run({ autoFetch: true, maxFetch: 100_000, headers });
    });
    expect(streamed.map((r) => r.Id)).toEqual(fetched.records.map((r) => r.Id).sort());
  });

  it('answers an unknown or used-up query locator with INVALID_QUERY_LOCATOR', async () => {
    const error = await rejectionOf(conn.queryMore('/services/data/v62.0/query/01gnope-2000'));
    expect(error).toMatchObject({ errorCode: 'INVALID_QUERY_LOCATOR' });
  });

  it('finds deleted records with queryAll only', async () => {
    const created = await conn.sobject('Lead').create({ LastName: 'Borrado', Company: 'Tmp S.A.' });
    await conn.sobject('Lead').destroy(created.id as string);
    const soql = `SELECT Id, IsDeleted FROM Lead WHERE Id = '${created.id}'`;
    expect((await conn.query(soql)).totalSize).toBe(0);
    const all = await conn.query<Row>(soql, { scanAll: true });
    expect(all.records).toEqual([expect.objectContaining({ Id: created.id, IsDeleted: true })]);
  });

  it('answers the gateway adapter queries: PhoneIndex__c by E.164 and by reversed last digits', async () => {
    const exact = await rows(
      "SELECT RecordId__c, ObjectType__c FROM PhoneIndex__c WHERE E164__c = '+541145550002' LIMIT 100",
    );
    expect(exact.map((r) => r['ObjectType__c']).sort()).toEqual(['Contact', 'Lead']);
    const lastSeven = await rows(
      "SELECT RecordId__c, ObjectType__c FROM PhoneIndex__c WHERE ReversedDigits__c LIKE '2000555%' LIMIT 100",
    );
    expect(lastSeven.map((r) => r['RecordId__c'])).toEqual(
      expect.arrayContaining(exact.map((r) => r['RecordId__c'])),
    );
    const ids = exact
      .filter((r) => r['ObjectType__c'] === 'Contact')
      .map((r) => `'${String(r['RecordId__c'])}'`);
    const contacts = await rows(`SELECT Id, Name FROM Contact WHERE Id IN (${ids.join(', ')})`);
    expect(contacts.map((c) => c['Name'])).toEqual(['Juan Pérez']);
  });

  it('indexes a phone the moment a record is saved, in any format (what SOSL cannot do)', async () => {
    const created = await conn
      .sobject('Contact')
      .create({ LastName: 'Nuevo', MobilePhone: '(011) 15-4321-9876' });
    const found = await rows("SELECT RecordId__c FROM PhoneIndex__c WHERE E164__c = '+5491143219876'");
    expect(found.map((r) => r['RecordId__c'])).toEqual([created.id]);
    await conn.sobject('Contact').update({ Id: created.id as string, MobilePhone: null });
    expect(await rows("SELECT RecordId__c FROM PhoneIndex__c WHERE E164__c = '+5491143219876'")).toEqual([]);
  });

  it('answers the adapter lookups of users, Tasks by CallObject and records by neoSyncId__c', async () => {
    expect(
      await rows("SELECT Id FROM User WHERE Email = 'agent1@puente.demo' AND IsActive = true LIMIT 1"),
    ).toHaveLength(1);
    const task = await conn
      .sobject('Task')
      .create({ Subject: 'Llamada', CallObject: 'call-42', CallType: 'Inbound' });
    const [found] = await rows(
      "SELECT Id FROM Task WHERE CallObject = 'call-42' ORDER BY CreatedDate LIMIT 1",
    );
    expect(found.Id).toBe(task.id);
    const [maria] = await rows('SELECT Id, Name FROM Contact WHERE neoSyncId__c = 900001 LIMIT 20');
    expect(maria['Name']).toBe('María González');
  });

  it('searches with SOSL: IN PHONE/NAME/EMAIL FIELDS, RETURNING with fields, WHERE and LIMIT', async () => {
    const byPhone = await conn.search(
      'FIND {4555-0002} IN PHONE FIELDS RETURNING Contact(Id, Name), Lead(Id, Name, Company)',
    );
    expect(byPhone.searchRecords.map((r) => [r.attributes?.type, r['Name']])).toEqual(
      expect.arrayContaining([
        ['Contact', 'Juan Pérez'],
        ['Lead', 'Juan Pérez'],
      ]),
    );
    const byName = await conn.search(
      "FIND {Pérez} IN NAME FIELDS RETURNING Lead(Id, Company WHERE LeadSource = 'Phone Inquiry' LIMIT 1)",
    );
    expect(byName.searchRecords).toEqual([expect.objectContaining({ Company: 'Pérez Hnos. S.A.' })]);
    const byEmail = await conn.search(
      'FIND {maria.gonzalez@example.com} IN EMAIL FIELDS RETURNING Contact(Id, Email)',
    );
    expect(byEmail.searchRecords).toEqual([expect.objectContaining({ Email: 'maria.gonzalez@example.com' })]);
    const all = await conn.search('FIND {Acme*} IN ALL FIELDS RETURNING Account(Id, Name), Contact(Id)');
    expect(all.searchRecords.some((r) => r['Name'] === 'Acme Argentina S.A.')).toBe(true);
  });

  it('answers the adapter free-text search (all CRM objects, Id and Name with a LIMIT each)', async () => {
    const res = await conn.search(
      'FIND {Juan P\\u00e9rez} IN ALL FIELDS RETURNING Contact(Id, Name LIMIT 20), Account(Id, Name LIMIT 20), Lead(Id, Name LIMIT 20), Opportunity(Id, Name LIMIT 20)'.replace(
        '\\u00e9',
        'é',
      ),
    );
    expect(res.searchRecords.filter((r) => r['Name'] === 'Juan Pérez').length).toBeGreaterThanOrEqual(2);
  });

  it('reads escaped reserved characters as literal text: punctuation, never wildcards, operators or a term too short', async () => {
    const names = async (term: string) =>
      (await conn.search(`FIND {${term}} IN NAME FIELDS RETURNING Lead(Id, Name)`)).searchRecords.map(
        (r) => r['Name'],
      );
    for (const c of [
      '?',
      '&',
      '|',
      '!',
      '{',
      '}',
      '[',
      ']',
      '(',
      ')',
      '^',
      '~',
      '*',
      ':',
      '\\',
      '"',
      "'",
      '+',
      '-',
    ]) {
      for (const term of [`Carmen \\${c}`, `Carmen\\${c}`, `\\${c}Carmen`, `Carmen \\${c}\\${c} López`])
        expect({ term, names: await names(term) }).toEqual({
          term,
          names: expect.arrayContaining(['Carmen López']),
        });
    }
    // Escaped, * and ? are the characters themselves: the index has split them off, so they match nothing more.
    expect(await names('Carm*')).toContain('Carmen López');
    expect(await names('Carm\\*')).toEqual([]);
    expect(await names('Carme?')).toContain('Carmen López');
    expect(await names('Carme\\?')).toEqual([]);
  });
});
