import { OrgPhoneSearch } from './salesforce/org-phone-search';
import { SalesforceHealthProbe } from './salesforce/salesforce-health';
import { SalesforceConnection } from './salesforce/salesforce-connection';
import { SalesforceCircuit } from './salesforce/salesforce-circuit';
import { SalesforceOrg, SF_DEMO } from '../../testing/salesforce-org';
import { JsforceCrmAdapter } from './jsforce-crm.adapter';

jest.setTimeout(60_000);

const lastDigits = { mode: 'lastDigits', digits: 7 } as const;
const exact = { mode: 'exact' } as const;
/** Longer than any test here runs: a record saved under it is not searchable by SOSL before the test ends. */
const LONG_LAG_MS = 10 * 60_000;

function adapterFor(org: SalesforceOrg, phoneSearch: OrgPhoneSearch): JsforceCrmAdapter {
  const connection = new SalesforceConnection(
    {
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
    },
    new SalesforceCircuit({ failures: 5, resetMs: 1000, maxPauseMs: 5000, maxLoginPauseMs: 5000 }),
  );
  return new JsforceCrmAdapter({ connection, phoneSearch });
}

/** The describe requests for PhoneIndex__c the org has served since `after`. */
async function describes(org: SalesforceOrg, after: number): Promise<number> {
  const { events } = await org.apiEvents(after);
  return events.filter((e) => e.uri.includes('/sobjects/PhoneIndex__c/describe')).length;
}

/**
 * Issue 17 §3: a fresh org without Puente's package still finds callers.
 * The emulator boots without PhoneIndex__c (SALESFORCE_EMULATOR_PHONE_INDEX=false)
 * and with SOSL's lag; the gateway's adapter asks describe once, falls back
 * to SOSL IN PHONE FIELDS with the phone rule applied to what it returns,
 * and says so in the health details. With the package, the index is used.
 */
describe('finding callers by phone in any org (issue 17 §3)', () => {
  describe('an org without PhoneIndex__c', () => {
    let org: SalesforceOrg;
    let phoneSearch: OrgPhoneSearch;
    let crm: JsforceCrmAdapter;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      org = await new SalesforceOrg({
        SALESFORCE_EMULATOR_PHONE_INDEX: 'false',
        SALESFORCE_EMULATOR_SEED_RECORDS: '0',
      }).start();
      // Indexed at once: these stand for the records an org has held for long.
      ids['local'] = await org.create('Contact', { LastName: 'Local', MobilePhone: '011 15 4777-1001' });
      ids['e164'] = await org.create('Account', { Name: 'Acme', Phone: '+54 11 4777-1002' });
      ids['sameTail'] = await org.create('Lead', {
        LastName: 'Tail',
        Company: 'Tail SA',
        Phone: '+1 212 777-1002',
      });
      phoneSearch = new OrgPhoneSearch();
      crm = adapterFor(org, phoneSearch);
    });

    afterAll(() => org?.stop());

    it('has no PhoneIndex__c to query', async () => {
      await expect(org.query('SELECT Id FROM PhoneIndex__c LIMIT 1')).rejects.toMatchObject({
        errorCode: 'INVALID_TYPE',
      });
    });

    it('finds a caller with SOSL, under the last-7-digits rule', async () => {
      const found = await crm.findByPhone('+5491147771001', lastDigits, {}, 'AR');
      expect(found.map((r) => r.id)).toEqual([ids['local']]);
      expect(await crm.phoneSearchMode()).toBe('sosl');
    });

    it('applies the phone rule to what SOSL returns: exact keeps only the same number', async () => {
      const byTail = await crm.findByPhone('+541147771002', lastDigits, {}, 'AR');
      expect(byTail.map((r) => r.id).sort()).toEqual([ids['e164'], ids['sameTail']].sort());
      const byNumber = await crm.findByPhone('+541147771002', exact, {}, 'AR');
      expect(byNumber.map((r) => r.id)).toEqual([ids['e164']]);
    });

    it('reads the caller card fields along', async () => {
      const [found] = await crm.findByPhone('+541147771002', exact, { Account: ['Phone'] }, 'AR');
      expect(found).toMatchObject({
        objectType: 'Account',
        name: 'Acme',
        fields: { Phone: '+54 11 4777-1002' },
      });
    });

    it('asks describe once, however many searches follow', async () => {
      const { last } = await org.apiEvents();
      const fresh = adapterFor(org, new OrgPhoneSearch());
      await Promise.all([
        fresh.findByPhone('+5491147771001', lastDigits),
        fresh.findByPhone('+541147771002', lastDigits),
      ]);
      await fresh.findByPhone('+541147771002', exact);
      expect(await describes(org, last)).toBe(1);
    });

    it('says in the health details that SOSL is in force and lags', () => {
      const probe = new SalesforceHealthProbe({} as SalesforceConnection, 60_000, phoneSearch);
      expect(probe.details()?.['phoneSearch']).toMatch(
        /^SOSL IN PHONE FIELDS: PhoneIndex__c is not in the org.*minutes later$/,
      );
    });

    it('does not find a record SOSL has not indexed yet (the lag the docs warn of)', async () => {
      await org.faults({ soslLagMs: LONG_LAG_MS });
      try {
        await org.create('Contact', { LastName: 'Nuevo', Phone: '+54 11 4777-1003' });
        expect(await crm.findByPhone('+541147771003', lastDigits)).toEqual([]);
      } finally {
        await org.faults({ soslLagMs: 0 });
      }
    });
  });

  describe('an org with the package deployed', () => {
    let org: SalesforceOrg;
    let phoneSearch: OrgPhoneSearch;
    let crm: JsforceCrmAdapter;

    beforeAll(async () => {
      org = await new SalesforceOrg({ SALESFORCE_EMULATOR_SEED_RECORDS: '0' }).start();
      phoneSearch = new OrgPhoneSearch();
      crm = adapterFor(org, phoneSearch);
    });

    afterAll(() => org?.stop());

    it('finds a record the moment it is saved, through PhoneIndex__c, whatever SOSL lags', async () => {
      await org.faults({ soslLagMs: LONG_LAG_MS });
      const id = await org.create('Contact', { LastName: 'Nuevo', Phone: '+54 11 4777-1003' });
      const { last } = await org.apiEvents();
      expect((await crm.findByPhone('+541147771003', lastDigits)).map((r) => r.id)).toEqual([id]);
      const { events } = await org.apiEvents(last);
      expect(events.some((e) => e.queriedEntities.includes('PhoneIndex__c'))).toBe(true);
      expect(events.some((e) => e.uri.includes('/search'))).toBe(false);
      expect(await crm.phoneSearchMode()).toBe('phone-index');
      expect(phoneSearch.details()?.['phoneSearch']).toMatch(/^PhoneIndex__c/);
    });
  });
});
