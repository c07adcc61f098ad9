import type { CrmObjectType } from '@puente/crm';
import { SalesforceOrg, SF_DEMO } from '../../testing/salesforce-org';
import { CrmInputError } from './crm.port';
import { JsforceCrmAdapter } from './jsforce-crm.adapter';

jest.setTimeout(30_000);

/** The adapter's Salesforce round trips, counted by the local org (its API usage). */
describe('JsforceCrmAdapter against the Salesforce emulator', () => {
  let org: SalesforceOrg;
  let crm: JsforceCrmAdapter;
  const used = async () => (await org.status()).apiUsage.used;
  const lastDigits = { mode: 'lastDigits', digits: 7 } as const;

  beforeAll(async () => {
    org = await new SalesforceOrg().start();
    crm = new JsforceCrmAdapter({
      auth: {
        flow: 'client_credentials',
        loginUrl: org.url,
        clientId: SF_DEMO.clientId,
        clientSecret: SF_DEMO.clientSecret,
        username: undefined,
        password: undefined,
        jwtKeyFile: undefined,
      },
      apiVersion: '62.0',
      timeoutMs: 10_000,
    });
    await crm.ping();
    // Whether the org has PhoneIndex__c is asked once and cached (issue 17 §3): asked here, so the counts below are a search's own.
    await crm.phoneSearchMode();
  });

  afterAll(() => org?.stop());

  it('finds a caller by phone with the caller card fields in two round trips (C12, C14)', async () => {
    const before = await used();
    const found = await crm.findByPhone('+5491155550001', lastDigits, {
      Contact: ['Phone', 'Account.Name', 'Owner.Name'],
    });
    expect(await used()).toBe(before + 2);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      objectType: 'Contact',
      name: 'María González',
      fields: { Name: 'María González', 'Owner.Name': expect.any(String) },
    });
    expect(Object.keys(found[0].fields ?? {})).toEqual(['Id', 'Name', 'Phone', 'Account.Name', 'Owner.Name']);
  });

  it('without fields asked for, finds Id and Name only', async () => {
    const [match] = await crm.findByPhone('+5491155550001', lastDigits);
    expect(match).toEqual({ objectType: 'Contact', id: expect.any(String), name: 'María González' });
  });

  it('a display field the org does not have costs the fields, not the match', async () => {
    const found = await crm.findByPhone('+5491155550001', lastDigits, {
      Contact: ['Phone', 'NoSuchField__c'],
    });
    expect(found).toEqual([{ objectType: 'Contact', id: expect.any(String), name: 'María González' }]);
  });

  /**
   * Defence in depth (issue 14 §1): whatever a caller passes, an object
   * name, id or field name that is not one never leaves the adapter. The
   * org's API event log shows that nothing was sent.
   */
  describe('refuses what is not an id, object or field before any request', () => {
    let contact: string;
    let lead: string;
    let account: string;
    const asObject = (name: string) => name as CrmObjectType;

    beforeAll(async () => {
      contact = (await org.query("SELECT Id FROM Contact WHERE Email = 'john.smith@example.com'"))[0].Id;
      lead = (await org.query("SELECT Id FROM Lead WHERE Company = 'Pérez Hnos. S.A.'"))[0].Id;
      account = (await org.query('SELECT Id FROM Account LIMIT 1'))[0].Id;
    });

    it.each<[string, string, (crm: JsforceCrmAdapter) => Promise<unknown>]>([
      [
        'recordId',
        'a traversal to retrieve',
        (c) => c.retrieveAll('Contact', '../../query?q=SELECT Id FROM User'),
      ],
      ['recordId', 'an encoded traversal', (c) => c.retrieveAll('Contact', '..%2F..%2Fsobjects')],
      ['objectType', 'a traversal as the object', (c) => c.retrieveAll(asObject('Contact/../..'), contact)],
      ['objectType', 'User as the object', (c) => c.retrieveAll(asObject('User'), contact)],
      ['recordId', "another object's id", (c) => c.retrieve('Contact', lead, ['Name'])],
      [
        'fields',
        'SOQL in a field name',
        (c) => c.retrieve('Contact', contact, ['Name FROM User WHERE Name']),
      ],
      ['recordId', 'a bad checksum to update', (c) => c.update('Contact', `${contact.slice(0, 15)}AAA`, {})],
      ['values', 'an Id among the values', (c) => c.update('Contact', contact, { Id: '../../../User/x' })],
      ['values', 'an Id to create', (c) => c.create('Lead', { Id: lead, LastName: 'X', Company: 'Y' })],
      ['objectType', 'creating a User', (c) => c.create(asObject('User'), { LastName: 'X' })],
      [
        'field',
        'SOQL as the field searched',
        (c) => c.findByField('Id FROM User WHERE Id', 'x', ['Contact']),
      ],
      ['objects', 'User among the objects searched', (c) => c.findByField('Email', 'x', [asObject('User')])],
      [
        'WhoId',
        'a Task linked by a traversal',
        (c) => c.upsertCallTask({ CallObject: 'x1', WhoId: '../../x' }),
      ],
      [
        'WhoId',
        'a Task linked to an Account as WhoId',
        (c) => c.upsertCallTask({ CallObject: 'x2', WhoId: account }),
      ],
      [
        'WhatId',
        'a Task linked to a Contact as WhatId',
        (c) => c.upsertCallTask({ CallObject: 'x3', WhatId: contact }),
      ],
      [
        'OwnerId',
        'a Task owned by a Contact',
        (c) => c.upsertCallTask({ CallObject: 'x4', OwnerId: contact }),
      ],
      ['limit', 'a search for no results', (c) => c.search('Carmen', 0)],
    ])('%s: %s', async (field, _name, work) => {
      const { last } = await org.apiEvents();
      const error = await work(crm).then(
        () => null,
        (e: unknown) => e,
      );
      expect((await org.apiEvents(last)).events).toEqual([]);
      expect(error).toBeInstanceOf(CrmInputError);
      expect(error).toMatchObject({ field });
    });

    it('skips ids with a bad checksum when finding by ids, and still finds the good one', async () => {
      const { last } = await org.apiEvents();
      const found = await crm.findByIds([`${contact.slice(0, 15)}AAA`, '../../x', contact]);
      expect(found.map((f) => f.id)).toEqual([contact]);
      const sent = (await org.apiEvents(last)).events;
      expect(sent.map((e) => e.queriedEntities)).toEqual([['Contact']]);
      expect(sent[0].query).not.toContain('AAA');
    });

    it('writes a Task linked to a Contact and owned by a user, and updates it by its own Task id', async () => {
      const owner = await crm.userIdByEmail(SF_DEMO.agentEmail);
      const task = { CallObject: `links-${Date.now()}`, Subject: 'Call', WhoId: contact, OwnerId: owner };
      const id = await crm.upsertCallTask(task);
      expect(await crm.upsertCallTask({ ...task, CallDisposition: 'Venta' })).toBe(id);
      const [row] = await org.query(`SELECT WhoId, OwnerId, CallDisposition FROM Task WHERE Id = '${id}'`);
      expect(row).toMatchObject({ WhoId: contact, OwnerId: owner, CallDisposition: 'Venta' });
    });
  });
});
