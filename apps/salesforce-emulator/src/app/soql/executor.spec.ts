import { SfApiError } from '../errors/sf-error';
import { createTestOrg, TEST_NOW } from '../testing/test-org';
import { runSoql } from './executor';

const DAY = 86_400_000;

function setup() {
  const org = createTestOrg();
  const acme = org.insert('Account', { Name: 'Acme SA', Phone: '+54 11 4555-0000', Industry: 'Retail' });
  const globex = org.insert('Account', { Name: 'Globex', Industry: 'Energy' });
  const ana = org.insert('Contact', {
    FirstName: 'Ana',
    LastName: 'Pérez',
    AccountId: acme['Id'],
    Email: 'ana@acme.com',
    Phone: '011 4555-1234',
    Birthdate: '1990-05-15',
    neoSyncId__c: 10,
  });
  const bob = org.insert(
    'Contact',
    { FirstName: 'Bob', LastName: 'smith', AccountId: globex['Id'], neoSyncId__c: 20 },
    TEST_NOW - 3 * DAY,
  );
  const carla = org.insert('Contact', { LastName: 'Zapata', Title: '50%_off' }, TEST_NOW - 40 * DAY);
  const task = org.insert('Task', {
    Subject: 'Call',
    WhoId: ana['Id'],
    WhatId: acme['Id'],
    CallType: 'Inbound',
    CallDurationInSeconds: 30,
  });
  org.insert('Task', { Subject: 'Call 2', WhoId: ana['Id'], CallDurationInSeconds: 90 });
  return { ...org, acme, globex, ana, bob, carla, task };
}

type Ctx = ReturnType<typeof setup>;
const names = (ctx: Ctx, soql: string) =>
  runSoql(ctx.env, soql).records.map((r) => r['LastName'] ?? r['Name']);

function errorOf(ctx: Ctx, soql: string): SfApiError {
  try {
    runSoql(ctx.env, soql);
  } catch (e) {
    return e as SfApiError;
  }
  throw new Error(`expected ${soql} to fail`);
}

describe('SOQL execution', () => {
  let ctx: Ctx;
  beforeAll(() => {
    ctx = setup();
  });

  it('returns records with attributes and only the selected fields, in canonical case', () => {
    const result = runSoql(
      ctx.env,
      `SELECT id, lastname FROM contact WHERE Id = '${String(ctx.ana['Id']).slice(0, 15)}'`,
    );
    expect(result).toEqual({
      totalSize: 1,
      records: [
        {
          attributes: {
            type: 'Contact',
            url: `/services/data/v62.0/sobjects/Contact/${String(ctx.ana['Id'])}`,
          },
          Id: ctx.ana['Id'],
          LastName: 'Pérez',
        },
      ],
    });
  });

  it('nests relationship fields, null when the lookup is empty, "Name" type when polymorphic', () => {
    const rows = runSoql(
      ctx.env,
      'SELECT LastName, Account.Name, Account.Owner.Alias FROM Contact ORDER BY LastName',
    ).records;
    expect(rows[0]['Account']).toEqual({
      attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${String(ctx.acme['Id'])}` },
      Name: 'Acme SA',
      Owner: { attributes: { type: 'User', url: expect.stringMatching(/\/User\/005/) }, Alias: 'lfern' },
    });
    expect(rows[2]).toMatchObject({ LastName: 'Zapata', Account: null });
    const [task] = runSoql(
      ctx.env,
      "SELECT Who.Name, Who.Type, What.Name FROM Task WHERE Subject = 'Call'",
    ).records;
    expect(task['Who']).toEqual({
      attributes: { type: 'Name', url: `/services/data/v62.0/sobjects/Contact/${String(ctx.ana['Id'])}` },
      Name: 'Ana Pérez',
      Type: 'Contact',
    });
    expect(task['What']).toMatchObject({ Name: 'Acme SA' });
  });

  it('compares text without regard to case, and treats null as not equal to anything', () => {
    expect(names(ctx, "SELECT LastName FROM Contact WHERE LastName = 'SMITH'")).toEqual(['smith']);
    expect(names(ctx, "SELECT LastName FROM Contact WHERE FirstName != 'Ana' ORDER BY LastName")).toEqual([
      'smith',
      'Zapata',
    ]);
    expect(names(ctx, 'SELECT LastName FROM Contact WHERE FirstName = null')).toEqual(['Zapata']);
    expect(names(ctx, 'SELECT LastName FROM Contact WHERE FirstName != null ORDER BY LastName')).toEqual([
      'Pérez',
      'smith',
    ]);
  });

  it('supports <, <=, >, >= on numbers, text, dates and dateTimes', () => {
    expect(names(ctx, 'SELECT LastName FROM Contact WHERE neoSyncId__c > 10')).toEqual(['smith']);
    expect(names(ctx, 'SELECT LastName FROM Contact WHERE neoSyncId__c >= 10 ORDER BY neoSyncId__c')).toEqual(
      ['Pérez', 'smith'],
    );
    expect(names(ctx, 'SELECT LastName FROM Contact WHERE neoSyncId__c < 20')).toEqual(['Pérez']);
    expect(names(ctx, 'SELECT LastName FROM Contact WHERE neoSyncId__c <= 20').length).toBe(2);
    expect(names(ctx, "SELECT LastName FROM Contact WHERE LastName < 'q' ORDER BY LastName")).toEqual([
      'Pérez',
    ]);
    expect(names(ctx, 'SELECT LastName FROM Contact WHERE Birthdate >= 1990-05-15')).toEqual(['Pérez']);
    expect(
      names(ctx, 'SELECT LastName FROM Contact WHERE CreatedDate < 2024-05-14T00:00:00Z ORDER BY LastName'),
    ).toEqual(['smith', 'Zapata']);
    expect(names(ctx, 'SELECT LastName FROM Contact WHERE CreatedDate > 2024-05-15T08:00:00-03:00')).toEqual([
      'Pérez',
    ]);
  });

  it('evaluates date literals against dates and dateTimes', () => {
    expect(names(ctx, 'SELECT LastName FROM Contact WHERE CreatedDate = TODAY')).toEqual(['Pérez']);
    expect(
      names(ctx, 'SELECT LastName FROM Contact WHERE CreatedDate = LAST_N_DAYS:7 ORDER BY LastName'),
    ).toEqual(['Pérez', 'smith']);
    expect(names(ctx, 'SELECT LastName FROM Contact WHERE CreatedDate < LAST_N_DAYS:7')).toEqual(['Zapata']);
    expect(names(ctx, 'SELECT LastName FROM Contact WHERE CreatedDate = N_DAYS_AGO:3')).toEqual(['smith']);
    expect(names(ctx, 'SELECT LastName FROM Contact WHERE CreatedDate > YESTERDAY')).toEqual(['Pérez']);
    expect(
      names(ctx, 'SELECT LastName FROM Contact WHERE CreatedDate = THIS_MONTH ORDER BY LastName'),
    ).toEqual(['Pérez', 'smith']);
    expect(names(ctx, 'SELECT LastName FROM Contact WHERE Birthdate != TODAY')).toEqual([
      'Pérez',
      'smith',
      'Zapata',
    ]);
  });

  it('matches LIKE with % and _, case-insensitively, with \\% and \\_ as literals', () => {
    expect(names(ctx, "SELECT LastName FROM Contact WHERE LastName LIKE 'p%'")).toEqual(['Pérez']);
    expect(names(ctx, "SELECT LastName FROM Contact WHERE LastName LIKE 'sm_th'")).toEqual(['smith']);
    expect(names(ctx, "SELECT LastName FROM Contact WHERE LastName LIKE 'sm_t'")).toEqual([]);
    expect(names(ctx, "SELECT LastName FROM Contact WHERE Title LIKE '50\\%\\_%'")).toEqual(['Zapata']);
    expect(names(ctx, "SELECT LastName FROM Contact WHERE Title LIKE '50\\%\\_x%'")).toEqual([]);
    expect(names(ctx, "SELECT LastName FROM Contact WHERE Email LIKE '%@ACME.com'")).toEqual(['Pérez']);
  });

  it('supports IN and NOT IN, with null in the list', () => {
    expect(
      names(ctx, "SELECT LastName FROM Contact WHERE FirstName IN ('ana', 'BOB') ORDER BY LastName"),
    ).toEqual(['Pérez', 'smith']);
    expect(
      names(ctx, "SELECT LastName FROM Contact WHERE FirstName NOT IN ('Ana')  ORDER BY LastName"),
    ).toEqual(['smith', 'Zapata']);
    expect(
      names(ctx, "SELECT LastName FROM Contact WHERE FirstName IN ('Ana', null) ORDER BY LastName"),
    ).toEqual(['Pérez', 'Zapata']);
    expect(names(ctx, 'SELECT LastName FROM Contact WHERE neoSyncId__c IN (20, 30)')).toEqual(['smith']);
  });

  it('applies AND, OR and NOT with parentheses', () => {
    expect(
      names(
        ctx,
        "SELECT LastName FROM Contact WHERE FirstName = 'Ana' OR (LastName = 'smith' AND neoSyncId__c = 99)",
      ),
    ).toEqual(['Pérez']);
    expect(
      names(ctx, "SELECT LastName FROM Contact WHERE NOT (FirstName = 'Ana' OR FirstName = 'Bob')"),
    ).toEqual(['Zapata']);
    expect(
      names(ctx, "SELECT LastName FROM Contact WHERE NOT FirstName = 'Ana' AND neoSyncId__c != null"),
    ).toEqual(['smith']);
  });

  it('filters and orders on relationship fields', () => {
    expect(names(ctx, "SELECT LastName FROM Contact WHERE Account.Name = 'globex'")).toEqual(['smith']);
    expect(names(ctx, "SELECT LastName FROM Contact WHERE Account.Industry IN ('Retail')")).toEqual([
      'Pérez',
    ]);
    expect(names(ctx, 'SELECT LastName FROM Contact ORDER BY Account.Name DESC NULLS LAST')).toEqual([
      'smith',
      'Pérez',
      'Zapata',
    ]);
  });

  it('orders by several fields ASC/DESC with NULLS FIRST/LAST', () => {
    expect(names(ctx, 'SELECT LastName FROM Contact ORDER BY FirstName')).toEqual([
      'Zapata',
      'Pérez',
      'smith',
    ]);
    expect(names(ctx, 'SELECT LastName FROM Contact ORDER BY FirstName NULLS LAST')).toEqual([
      'Pérez',
      'smith',
      'Zapata',
    ]);
    expect(names(ctx, 'SELECT LastName FROM Contact ORDER BY FirstName DESC')).toEqual([
      'smith',
      'Pérez',
      'Zapata',
    ]);
    expect(names(ctx, 'SELECT LastName FROM Contact ORDER BY FirstName DESC NULLS FIRST')).toEqual([
      'Zapata',
      'smith',
      'Pérez',
    ]);
    expect(names(ctx, 'SELECT LastName FROM Contact ORDER BY AccountId NULLS LAST, LastName DESC')).toEqual([
      'Pérez',
      'smith',
      'Zapata',
    ]);
  });

  it('applies LIMIT and OFFSET after ordering, and counts with COUNT()', () => {
    expect(names(ctx, 'SELECT LastName FROM Contact ORDER BY LastName LIMIT 2')).toEqual(['Pérez', 'smith']);
    expect(names(ctx, 'SELECT LastName FROM Contact ORDER BY LastName LIMIT 1 OFFSET 1')).toEqual(['smith']);
    expect(runSoql(ctx.env, 'SELECT COUNT() FROM Contact')).toEqual({ totalSize: 3, records: [] });
    expect(runSoql(ctx.env, "SELECT COUNT() FROM Contact WHERE LastName LIKE 'z%'").totalSize).toBe(1);
    expect(errorOf(ctx, 'SELECT Id FROM Contact OFFSET 2001').errorCode).toBe('NUMBER_OUTSIDE_VALID_RANGE');
    expect(errorOf(ctx, 'SELECT COUNT(), Id FROM Contact').errorCode).toBe('MALFORMED_QUERY');
  });

  it('aggregates with GROUP BY and aliases', () => {
    const rows = runSoql(
      ctx.env,
      'SELECT WhoId, COUNT(Id) calls, SUM(CallDurationInSeconds), MAX(Subject) FROM Task GROUP BY WhoId',
    ).records;
    expect(rows).toEqual([
      {
        attributes: { type: 'AggregateResult' },
        WhoId: ctx.ana['Id'],
        calls: 2,
        expr0: 120,
        expr1: 'Call 2',
      },
    ]);
    expect(runSoql(ctx.env, 'SELECT COUNT(Id) FROM Lead').records).toEqual([
      { attributes: { type: 'AggregateResult' }, expr0: 0 },
    ]);
    expect(errorOf(ctx, 'SELECT Subject, COUNT(Id) FROM Task GROUP BY WhoId').message).toContain(
      'Field must be grouped or aggregated: Subject',
    );
  });

  it('runs parent-to-child subqueries and semi-joins', () => {
    const [acme] = runSoql(
      ctx.env,
      "SELECT Name, (SELECT LastName FROM Contacts) FROM Account WHERE Name = 'Acme SA'",
    ).records;
    expect(acme['Contacts']).toEqual({
      totalSize: 1,
      done: true,
      records: [{ attributes: expect.objectContaining({ type: 'Contact' }), LastName: 'Pérez' }],
    });
    const [ana] = runSoql(
      ctx.env,
      "SELECT (SELECT Subject FROM Tasks ORDER BY Subject DESC LIMIT 1) FROM Contact WHERE FirstName = 'Ana'",
    ).records;
    expect((ana['Tasks'] as { records: unknown[] }).records).toEqual([
      expect.objectContaining({ Subject: 'Call 2' }),
    ]);
    const [globex] = runSoql(
      ctx.env,
      "SELECT (SELECT Id FROM Contacts WHERE FirstName = 'x') FROM Account WHERE Name = 'Globex'",
    ).records;
    expect(globex['Contacts']).toBeNull();
    expect(names(ctx, 'SELECT LastName FROM Contact WHERE Id IN (SELECT WhoId FROM Task)')).toEqual([
      'Pérez',
    ]);
    expect(names(ctx, 'SELECT Name FROM Account WHERE Id NOT IN (SELECT AccountId FROM Contact)')).toEqual(
      [],
    );
  });

  it('expands FIELDS(STANDARD/CUSTOM/ALL), the last two only with LIMIT 200', () => {
    const [custom] = runSoql(
      ctx.env,
      `SELECT FIELDS(CUSTOM) FROM Contact WHERE Id = '${String(ctx.ana['Id'])}' LIMIT 1`,
    ).records;
    expect(Object.keys(custom)).toEqual([
      'attributes',
      'neoBaseId__c',
      'neoContactId__c',
      'neoCrmId__c',
      'neoSyncId__c',
    ]);
    const [all] = runSoql(ctx.env, 'SELECT FIELDS(STANDARD) FROM Contact LIMIT 1').records;
    expect(all).toHaveProperty('MailingCity', null);
    expect(errorOf(ctx, 'SELECT FIELDS(ALL) FROM Contact').message).toContain('LIMIT of at most 200');
  });

  it('hides deleted records from query, shows them to queryAll, and honours USING SCOPE mine', () => {
    const gone = ctx.insert('Lead', { LastName: 'Gone', Company: 'x' });
    ctx.dml.delete(ctx.dml.typeOf('Lead'), gone['Id'] as string, { userId: ctx.userId, now: TEST_NOW });
    expect(runSoql(ctx.env, 'SELECT Id FROM Lead').totalSize).toBe(0);
    expect(runSoql(ctx.env, 'SELECT Id, IsDeleted FROM Lead', true).records[0]).toMatchObject({
      IsDeleted: true,
    });
    expect(runSoql(ctx.env, 'SELECT Id FROM Lead ALL ROWS').totalSize).toBe(1);
    expect(runSoql(ctx.env, 'SELECT Id FROM Contact USING SCOPE mine').totalSize).toBe(3);
  });

  it('reports unknown objects, fields and relationships, and ill-typed filters', () => {
    const type = errorOf(ctx, 'SELECT Id FROM Contacto');
    expect(type.errorCode).toBe('INVALID_TYPE');
    expect(type.message).toContain("sObject type 'Contacto' is not supported");
    const f = errorOf(ctx, 'SELECT Id, Phonee FROM Contact');
    expect(f.errorCode).toBe('INVALID_FIELD');
    expect(f.message).toContain("No such column 'Phonee' on entity 'Contact'");
    expect(f.message).toContain('ERROR at Row:1:Column:12');
    expect(errorOf(ctx, 'SELECT Acount.Name FROM Contact').message).toContain(
      "Didn't understand relationship 'Acount'",
    );
    expect(errorOf(ctx, 'SELECT Who.Account.Name FROM Task').errorCode).toBe('INVALID_FIELD');
    expect(errorOf(ctx, "SELECT Id FROM Contact WHERE Id = 'abc'").message).toContain(
      'invalid ID field: abc',
    );
    const quoted = errorOf(ctx, "SELECT Id FROM Contact WHERE neoSyncId__c = '10'");
    expect(quoted.errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
    expect(quoted.message).toContain(
      "value of filter criterion for field 'neoSyncId__c' must be of type double and should not be enclosed in quotes",
    );
    expect(errorOf(ctx, 'SELECT Id FROM Contact WHERE LastName = 10').message).toContain(
      'must be of type string and should be enclosed in quotes',
    );
    expect(errorOf(ctx, 'SELECT Id FROM Contact WHERE CreatedDate > 2024-01-01').message).toContain(
      'must be of type dateTime',
    );
    expect(errorOf(ctx, 'SELECT Id FROM Contact WHERE Description = null').message).toContain(
      "field 'Description' can not be filtered",
    );
    expect(errorOf(ctx, 'SELECT Id FROM Contact WHERE DoNotCall > true').errorCode).toBe(
      'INVALID_QUERY_FILTER_OPERATOR',
    );
    expect(errorOf(ctx, "SELECT Id FROM Contact WHERE neoSyncId__c LIKE '1%'").errorCode).toBe(
      'INVALID_QUERY_FILTER_OPERATOR',
    );
    expect(errorOf(ctx, 'SELECT Id, Id FROM Contact').message).toContain('duplicate field selected: Id');
  });

  it('finds fresh phone-index rows by E.164 and by reversed last digits', () => {
    const rows = runSoql(
      ctx.env,
      "SELECT RecordId__c, ObjectType__c, FieldName__c FROM PhoneIndex__c WHERE E164__c = '+541145551234' OR ReversedDigits__c LIKE '4321555%'",
    ).records;
    expect(rows).toEqual([
      expect.objectContaining({
        RecordId__c: ctx.ana['Id'],
        ObjectType__c: 'Contact',
        FieldName__c: 'Phone',
      }),
    ]);
  });
});
