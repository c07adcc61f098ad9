import { SfApiError } from '../errors/sf-error';
import { Catalogue } from '../metadata/catalogue';
import type { SObjectRecord } from '../metadata/object';
import { RecordStore } from '../store/record-store';
import { type DmlContext, DmlService, MultipleMatchesError } from './dml.service';
import { PhoneIndexTrigger } from './phone-index.trigger';

function setup() {
  const catalogue = new Catalogue();
  const store = new RecordStore(catalogue);
  const dml = new DmlService(catalogue, store, [new PhoneIndexTrigger(store, 'AR')]);
  const bootstrap: DmlContext = { userId: '005Pu0000000001AAA', now: Date.UTC(2024, 0, 1) };
  const user = dml.create(
    dml.typeOf('User'),
    {
      Username: 'agent1@puente.demo',
      LastName: 'Uno',
      Alias: 'a1',
      Email: 'agent1@puente.demo',
      TimeZoneSidKey: 'GMT',
      LocaleSidKey: 'es_AR',
      LanguageLocaleKey: 'es',
    },
    bootstrap,
  );
  const ctx: DmlContext = { userId: user['Id'] as string, now: Date.UTC(2024, 0, 2) };
  return { catalogue, store, dml, ctx, type: (n: string) => dml.typeOf(n) };
}

function errorOf(fn: () => unknown): SfApiError {
  try {
    fn();
  } catch (e) {
    return e as SfApiError;
  }
  throw new Error('expected an error');
}

function phoneRows(store: RecordStore, recordId: string): SObjectRecord[] {
  return [...store.all('PhoneIndex__c')].filter(
    (r) => r['RecordId__c'] === recordId && r['IsDeleted'] !== true,
  );
}

describe('DmlService', () => {
  it('creates with the key prefix, audit fields, owner, defaults and derived fields', () => {
    const { dml, ctx, type } = setup();
    const contact = dml.create(type('Contact'), { FirstName: 'Ana', lastname: 'Pérez' }, ctx);
    expect(contact['Id']).toMatch(/^003[a-zA-Z0-9]{15}$/);
    expect(contact).toMatchObject({
      Name: 'Ana Pérez',
      LastName: 'Pérez',
      OwnerId: ctx.userId,
      CreatedById: ctx.userId,
      CreatedDate: '2024-01-02T00:00:00.000+0000',
      IsDeleted: false,
      DoNotCall: false,
    });
    const lead = dml.create(type('Lead'), { LastName: 'Gómez', Company: 'Acme' }, ctx);
    expect(lead['Status']).toBe('Open - Not Contacted');
    const opp = dml.create(
      type('Opportunity'),
      { Name: 'Deal', StageName: 'Closed Won', CloseDate: '2024-02-01' },
      ctx,
    );
    expect(opp).toMatchObject({ IsClosed: true, IsWon: true, Probability: 100 });
  });

  it('lists every missing required field at once', () => {
    const { dml, ctx, type } = setup();
    const err = errorOf(() => dml.create(type('Lead'), { FirstName: 'x' }, ctx));
    expect(err.errorCode).toBe('REQUIRED_FIELD_MISSING');
    expect(err.message).toBe('Required fields are missing: [LastName, Company]');
    expect(err.fields).toEqual(['LastName', 'Company']);
  });

  it('refuses unknown fields, read-only fields and an Id on insert', () => {
    const { dml, ctx, type } = setup();
    expect(errorOf(() => dml.create(type('Contact'), { LastName: 'x', Foo__c: 1 }, ctx)).message).toBe(
      "No such column 'Foo__c' on sobject of type Contact",
    );
    const readOnly = errorOf(() => dml.create(type('Contact'), { LastName: 'x', Name: 'y' }, ctx));
    expect(readOnly.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    expect(readOnly.fields).toEqual(['Name']);
    expect(
      errorOf(() => dml.create(type('Contact'), { Id: '003Pu0000000001', LastName: 'x' }, ctx)).errorCode,
    ).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
  });

  it('enforces unique external ids with DUPLICATE_VALUE and rolls nothing in', () => {
    const { dml, ctx, type, store } = setup();
    const first = dml.create(type('Contact'), { LastName: 'A', neoSyncId__c: 77 }, ctx);
    const before = store.count('Contact');
    const err = errorOf(() => dml.create(type('Contact'), { LastName: 'B', neoSyncId__c: 77 }, ctx));
    expect(err.errorCode).toBe('DUPLICATE_VALUE');
    expect(err.message).toBe(
      `duplicate value found: neoSyncId__c duplicates value on record with id: ${String(first['Id'])}`,
    );
    expect(store.count('Contact')).toBe(before);
    dml.delete(type('Contact'), first['Id'] as string, ctx);
    expect(() => dml.create(type('Contact'), { LastName: 'B', neoSyncId__c: 77 }, ctx)).not.toThrow();
  });

  it('checks lookups: shape, target object and existence', () => {
    const { dml, ctx, type } = setup();
    const account = dml.create(type('Account'), { Name: 'Acme' }, ctx);
    expect(errorOf(() => dml.create(type('Task'), { WhoId: 'nope' }, ctx)).errorCode).toBe('MALFORMED_ID');
    const wrongType = errorOf(() => dml.create(type('Task'), { WhoId: account['Id'] }, ctx));
    expect(wrongType.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
    expect(wrongType.fields).toEqual(['WhoId']);
    expect(errorOf(() => dml.create(type('Task'), { WhoId: '003Pu00000009ZZ' }, ctx)).errorCode).toBe(
      'INVALID_CROSS_REFERENCE_KEY',
    );
  });

  it('updates, refuses nulling a required field, and reports deleted records', () => {
    const { dml, ctx, type } = setup();
    const c = dml.create(type('Contact'), { FirstName: 'Ana', LastName: 'Pérez' }, ctx);
    const id = c['Id'] as string;
    const later = { ...ctx, now: ctx.now + 1000 };
    expect(dml.update(type('Contact'), id, { FirstName: 'Ana María', Title: null }, later)).toMatchObject({
      Name: 'Ana María Pérez',
      LastModifiedDate: '2024-01-02T00:00:01.000+0000',
    });
    expect(errorOf(() => dml.update(type('Contact'), id, { LastName: null }, ctx)).errorCode).toBe(
      'REQUIRED_FIELD_MISSING',
    );
    dml.delete(type('Contact'), id, ctx);
    expect(errorOf(() => dml.update(type('Contact'), id, { Title: 'x' }, ctx)).errorCode).toBe(
      'ENTITY_IS_DELETED',
    );
    expect(errorOf(() => dml.delete(type('Contact'), '003Pu00000009ZZ', ctx)).status).toBe(404);
  });

  it('cascades account deletes to contacts and opportunities, and never deletes users', () => {
    const { dml, ctx, type, store } = setup();
    const a = dml.create(type('Account'), { Name: 'Acme' }, ctx);
    const c = dml.create(type('Contact'), { LastName: 'x', AccountId: a['Id'] }, ctx);
    dml.delete(type('Account'), a['Id'] as string, ctx);
    expect(store.get('Contact', c['Id'] as string)?.['IsDeleted']).toBe(true);
    expect(errorOf(() => dml.delete(type('User'), ctx.userId, ctx)).errorCode).toBe(
      'INSUFFICIENT_ACCESS_OR_READONLY',
    );
  });

  it('upserts by external id: creates, then updates, 300 on several matches', () => {
    const { dml, ctx, type } = setup();
    const created = dml.upsert(type('Contact'), 'neoSyncId__c', '42', { LastName: 'Uno' }, ctx);
    expect(created.created).toBe(true);
    expect(created.record['neoSyncId__c']).toBe(42);
    const updated = dml.upsert(type('Contact'), 'neoSyncId__c', '42', { LastName: 'Dos' }, ctx);
    expect(updated).toMatchObject({ created: false, record: { Id: created.record['Id'], LastName: 'Dos' } });
    expect(errorOf(() => dml.upsert(type('Contact'), 'LastName', 'x', {}, ctx)).status).toBe(404);
    dml.create(type('PhoneIndex__c'), { E164__c: '+1' }, ctx);
    dml.create(type('PhoneIndex__c'), { E164__c: '+1' }, ctx);
    expect(() => dml.upsert(type('PhoneIndex__c'), 'E164__c', '+1', {}, ctx)).toThrow(MultipleMatchesError);
  });

  it('keeps PhoneIndex__c in step with every phone field, like the Apex trigger', () => {
    const { dml, ctx, type, store } = setup();
    const c = dml.create(
      type('Contact'),
      { LastName: 'x', Phone: '011 4555-1234', MobilePhone: '+54 9 11 5555 0001' },
      ctx,
    );
    const id = c['Id'] as string;
    expect(
      phoneRows(store, id).map((r) => [r['FieldName__c'], r['E164__c'], r['ReversedDigits__c']]),
    ).toEqual([
      ['Phone', '+541145551234', '432155541145'],
      ['MobilePhone', '+5491155550001', '1000555511945'],
    ]);
    const phoneRowId = phoneRows(store, id)[0]['Id'];
    dml.update(type('Contact'), id, { MobilePhone: null, HomePhone: '(011) 4777-0000' }, ctx);
    const rows = phoneRows(store, id);
    expect(rows.map((r) => r['FieldName__c'])).toEqual(['Phone', 'HomePhone']);
    expect(rows[0]['Id']).toBe(phoneRowId);
    dml.delete(type('Contact'), id, ctx);
    expect(phoneRows(store, id)).toEqual([]);
  });

  it('indexes digits even when a number cannot be read as E.164', () => {
    const { dml, ctx, type, store } = setup();
    const lead = dml.create(type('Lead'), { LastName: 'x', Company: 'y', Phone: 'int. 4455' }, ctx);
    const [row] = phoneRows(store, lead['Id'] as string);
    expect(row['E164__c']).toBeUndefined();
    expect(row['ReversedDigits__c']).toBe('5544');
  });
});
