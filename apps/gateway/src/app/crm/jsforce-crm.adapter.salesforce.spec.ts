import { SalesforceOrg, SF_DEMO } from '../../testing/salesforce-org';
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
});
