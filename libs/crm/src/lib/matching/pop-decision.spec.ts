import type { PopLayout } from '../call-center/settings';
import { type CrmMatch, decidePop, pickByPriority } from './pop-decision';

const contact: CrmMatch = { objectType: 'Contact', id: '003A', name: 'Ana' };
const contact2: CrmMatch = { objectType: 'Contact', id: '003B', name: 'Ana B' };
const account: CrmMatch = { objectType: 'Account', id: '001A', name: 'Acme' };
const lead: CrmMatch = { objectType: 'Lead', id: '00QA', name: 'Leo' };

describe('searchTypePriority (C1)', () => {
  it('one match wins whatever the priority', () => {
    expect(pickByPriority([account], ['Contact']).winner).toBe(account);
  });

  it('the first type of the priority that matched once wins', () => {
    expect(pickByPriority([account, contact, lead], ['Contact', 'Account']).winner).toBe(contact);
    expect(pickByPriority([account, lead], ['Contact', 'Lead', 'Account']).winner).toBe(lead);
    expect(pickByPriority([account, contact], ['Company']).winner).toBe(account);
  });

  it('is ambiguous with an empty priority, or several of the winning type', () => {
    expect(pickByPriority([account, contact], []).winner).toBeNull();
    expect(pickByPriority([contact, contact2, account], ['Contact', 'Account']).winner).toBeNull();
    expect(pickByPriority([lead, contact], ['Opportunity']).winner).toBeNull();
  });

  it('counts the same record found twice once', () => {
    expect(pickByPriority([contact, { ...contact }], []).winner).toEqual(contact);
  });
});

describe('pop decision (C2)', () => {
  const layout: PopLayout = {
    noMatch: { action: 'new', objectType: 'Lead' },
    singleMatch: 'open',
    multipleMatches: 'search',
  };
  const none: PopLayout = { noMatch: { action: 'none' }, singleMatch: 'none', multipleMatches: 'none' };
  const base = {
    searchable: true,
    newRecordDefaults: { Phone: '+541155551234', neoSyncId__c: '42' },
    syncId: '42',
    searchString: '+541155551234',
  };

  it.each([
    ['one match, open', layout, [contact], { type: 'record', objectType: 'Contact', recordId: '003A' }],
    ['one match, nothing', none, [contact], { type: 'none' }],
    ['several, search page', layout, [contact, contact2], { type: 'search', searchString: '+541155551234' }],
    ['several, nothing', none, [contact, contact2], { type: 'none' }],
    [
      'no match, new record',
      layout,
      [],
      { type: 'new_record', objectType: 'Lead', defaultFieldValues: base.newRecordDefaults, syncId: '42' },
    ],
    ['no match, nothing', none, [], { type: 'none' }],
  ] as const)('%s', (_name, l, found, expected) => {
    expect(decidePop({ ...base, layout: l, pick: pickByPriority(found, []) })).toEqual(expected);
  });

  it('follows the no-match rule when there is nothing to search by ("idContacto-", D1)', () => {
    expect(decidePop({ ...base, searchable: false, layout, pick: pickByPriority([contact], []) }).type).toBe(
      'new_record',
    );
  });

  it('never opens a search page for fewer than three characters', () => {
    expect(
      decidePop({ ...base, searchString: '12', layout, pick: pickByPriority([contact, contact2], []) }),
    ).toEqual({ type: 'none' });
  });
});
