import { SfApiError } from '../errors/sf-error';
import { createTestOrg } from '../testing/test-org';
import { runSosl } from './executor';
import { phoneMatches } from './matcher';
import { SearchIndex } from './search-index';

function setup(lagMs = 0) {
  const org = createTestOrg();
  let now = 1_000_000;
  const index = new SearchIndex(
    org.catalogue,
    () => lagMs,
    () => now,
  );
  org.store.onCommit((events) => index.onCommit(events));
  const acme = org.insert('Account', { Name: 'Acme SA', Phone: '+54 11 4555-0000' });
  const ana = org.insert('Contact', {
    FirstName: 'Ana',
    LastName: 'Pérez',
    AccountId: acme['Id'],
    Email: 'ana.perez@acme.com',
    MobilePhone: '+54 9 11 5555-1234',
  });
  org.insert('Contact', { FirstName: 'Bob', LastName: 'Smith', Phone: '(415) 555-0132', Title: 'Gerente' });
  org.insert('Lead', { FirstName: 'Ana', LastName: 'Gómez', Company: 'Globex', Phone: '011 15 5555-1234' });
  const search = (sosl: string) => runSosl(org.env, index, sosl).searchRecords;
  return { ...org, index, acme, ana, search, advance: (ms: number) => (now += ms) };
}

function errorOf(fn: () => unknown): SfApiError {
  try {
    fn();
  } catch (e) {
    return e as SfApiError;
  }
  throw new Error('expected an error');
}

describe('SOSL execution', () => {
  it('returns searchRecords with attributes and the requested fields, object by object', () => {
    const { search, ana } = setup();
    const records = search(
      'FIND {ana} IN NAME FIELDS RETURNING Contact(Id, Name, Account.Name), Lead(Name, Company)',
    );
    expect(records).toEqual([
      {
        attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${String(ana['Id'])}` },
        Id: ana['Id'],
        Name: 'Ana Pérez',
        Account: { attributes: expect.objectContaining({ type: 'Account' }), Name: 'Acme SA' },
      },
      { attributes: expect.objectContaining({ type: 'Lead' }), Name: 'Ana Gómez', Company: 'Globex' },
    ]);
  });

  it('matches phone numbers written in any format by their trailing digits', () => {
    const { search } = setup();
    const found = (sosl: string) =>
      search(sosl)
        .map((r) => r.attributes as { type: string })
        .map((a) => a.type);
    expect(found('FIND {+5491155551234} IN PHONE FIELDS RETURNING Contact, Lead')).toEqual(['Contact']);
    // The lead's "011 15 5555-1234" is the same mobile written the Argentine local way: only
    // its trailing digits match, as on a real org (PhoneIndex__c's E.164 finds it).
    expect(found('FIND {5555-1234} IN PHONE FIELDS RETURNING Contact, Lead, Account')).toEqual([
      'Contact',
      'Lead',
    ]);
    expect(found('FIND {4155550132} IN PHONE FIELDS RETURNING Contact')).toEqual(['Contact']);
    expect(found('FIND {4155550132} IN NAME FIELDS RETURNING Contact')).toEqual([]);
    expect(phoneMatches('01145551234', '541145551234')).toBe(true);
    expect(phoneMatches('123456', '123456')).toBe(true);
    expect(phoneMatches('5551234', '5551235')).toBe(false);
  });

  it('searches e-mail, name and all fields, with wildcards, phrases and operators, ignoring accents', () => {
    const { search } = setup();
    const count = (sosl: string) => search(sosl).length;
    expect(count('FIND {ana.perez@acme.com} IN EMAIL FIELDS RETURNING Contact')).toBe(1);
    expect(count('FIND {perez} IN NAME FIELDS RETURNING Contact, Lead')).toBe(1);
    expect(count('FIND {gom*} RETURNING Lead')).toBe(1);
    expect(count('FIND {"ana gomez"} RETURNING Contact, Lead')).toBe(1);
    expect(count('FIND {ana AND NOT gomez} RETURNING Contact, Lead')).toBe(1);
    expect(count('FIND {gerente} IN ALL FIELDS RETURNING Contact')).toBe(1);
    expect(count('FIND {gerente} IN NAME FIELDS RETURNING Contact')).toBe(0);
    expect(count('FIND {ana OR bob} RETURNING Contact')).toBe(2);
  });

  it('applies WHERE, ORDER BY, LIMIT and OFFSET per object, and the overall LIMIT', () => {
    const { search } = setup();
    const names = (sosl: string) => search(sosl).map((r) => r['LastName']);
    expect(names("FIND {ana OR bob} RETURNING Contact(LastName WHERE FirstName = 'Bob')")).toEqual(['Smith']);
    expect(names('FIND {ana OR bob} RETURNING Contact(LastName ORDER BY LastName DESC)')).toEqual([
      'Smith',
      'Pérez',
    ]);
    expect(names('FIND {ana OR bob} RETURNING Contact(LastName ORDER BY LastName LIMIT 1 OFFSET 1)')).toEqual(
      ['Smith'],
    );
    expect(names('FIND {ana} RETURNING Contact(LastName), Lead(LastName) LIMIT 1')).toEqual(['Pérez']);
  });

  it('returns every searchable object with Id only when there is no RETURNING', () => {
    const { search } = setup();
    const records = search('FIND {acme}');
    expect(records.map((r) => (r.attributes as { type: string }).type).sort()).toEqual([
      'Account',
      'Contact',
    ]);
    expect(Object.keys(records[0])).toEqual(['attributes', 'Id']);
  });

  it('only finds new and changed records once the index catches up, unlike SOQL', () => {
    const { search, insert, dml, userId, advance } = setup(5000);
    const fresh = insert('Contact', { LastName: 'Recién', Phone: '+54 11 4999-0000' });
    expect(search('FIND {recien} RETURNING Contact')).toEqual([]);
    advance(5000);
    expect(search('FIND {recien} RETURNING Contact')).toHaveLength(1);
    dml.update(dml.typeOf('Contact'), fresh['Id'] as string, { LastName: 'Cambiado' }, { userId, now: 0 });
    // Still indexed under the old name, but returned with the current one.
    expect(search('FIND {recien} RETURNING Contact(LastName)')).toEqual([
      expect.objectContaining({ LastName: 'Cambiado' }),
    ]);
    expect(search('FIND {cambiado} RETURNING Contact')).toEqual([]);
    dml.delete(dml.typeOf('Contact'), fresh['Id'] as string, { userId, now: 0 });
    expect(search('FIND {recien} RETURNING Contact')).toEqual([]);
  });

  it('reports malformed searches, unknown objects and fields', () => {
    const { search } = setup();
    expect(errorOf(() => search("FIND 'ana'")).errorCode).toBe('MALFORMED_SEARCH');
    expect(errorOf(() => search('FIND {ana')).errorCode).toBe('MALFORMED_SEARCH');
    expect(errorOf(() => search('FIND {ana} IN BODY FIELDS')).errorCode).toBe('MALFORMED_SEARCH');
    expect(errorOf(() => search('FIND {ana} RETURNING Contact(Id')).errorCode).toBe('MALFORMED_SEARCH');
    expect(errorOf(() => search('FIND {ana} RETURNING Contacto')).errorCode).toBe('INVALID_TYPE');
    expect(errorOf(() => search('FIND {ana} RETURNING Contact(Nombre)')).errorCode).toBe('INVALID_FIELD');
    expect(errorOf(() => search('FIND {ana} RETURNING PhoneIndex__c')).errorCode).toBe('INVALID_TYPE');
  });
});
