import { NeoApiError } from '@puente/neoapi';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { callCenterFile, offerCall, popOf, streamOpen } from '../../testing/call-script';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness, type PanelClient } from '../../testing/gateway-harness';
import { SalesforceOrg, SF_DEMO } from '../../testing/salesforce-org';
import { OutboxWorker } from './outbox/outbox.worker';

jest.setTimeout(30_000);

/**
 * The gateway's screen pop (C1-C4, C10, C12-C15) and click-to-dial (B6)
 * against the real local org: jsforce over HTTP, SOQL on PhoneIndex__c, the
 * seeded showcase records of docs/salesforce-emulator.md.
 */
describe('screen pop against the Salesforce emulator', () => {
  let org: SalesforceOrg;
  let dialer: FakeNeoApiServer;

  beforeAll(async () => {
    org = await new SalesforceOrg().start();
    dialer = await startFakeDialer();
    dialer.setPosition('a1', (p) => ({ ...p, agent: { ...p.agent, email: SF_DEMO.agentEmail } }));
  });

  afterAll(async () => {
    await dialer?.stop();
    await org?.stop();
  });

  async function gatewayWith(options: Record<string, string> = {}, env: Record<string, string> = {}) {
    const gw = await new GatewayHarness({
      dialerUrl: dialer.url,
      salesforceUrl: org.url,
      env: { CALL_CENTER_FILE: callCenterFile(options), ...env },
    }).start();
    const session = await gw.login('agent1');
    const panel = await gw.panel(session.accessToken);
    await streamOpen(dialer, 'a1');
    return { gw, panel, token: session.accessToken };
  }

  const idOf = async (soql: string) => (await org.query(soql))[0]?.Id;

  describe('with the default Call Center (client credentials, last 7 digits, no priority)', () => {
    let gw: GatewayHarness;
    let panel: PanelClient;
    let token: string;
    let maria: string;

    beforeAll(async () => {
      ({ gw, panel, token } = await gatewayWith());
      maria = await idOf('SELECT Id FROM Contact WHERE neoSyncId__c = 900001');
    });

    afterAll(() => gw.stop());

    it('one match: opens the record, names the caller, shows the card and writes externalData back (C2, C3, C14)', async () => {
      const callId = offerCall(dialer, 'a1', { number: '+5491155550001', contactId: '70001' });
      const pop = await popOf(panel, callId);
      expect(pop.payload).toMatchObject({
        searchBy: 'Phone',
        searchData: '+5491155550001',
        decision: { type: 'record', objectType: 'Contact', recordId: maria },
        matches: 1,
        callerName: 'María González',
        caller: { recordId: maria, name: 'María González' },
      });
      await gw.app.get(OutboxWorker).round();
      const [row] = await org.query(
        `SELECT neoContactId__c, neoBaseId__c, neoCrmId__c, LastModifiedBy.Username FROM Contact WHERE Id = '${maria}'`,
      );
      expect(row).toMatchObject({
        neoContactId__c: '70001',
        neoBaseId__c: '12',
        neoCrmId__c: '3',
        // The gateway logged in with client credentials, so it writes as the integration user.
        LastModifiedBy: { Username: SF_DEMO.integrationUser },
      });
    });

    it.each([
      ['E.164', '+5491155550001'],
      ['E.164 digits without +', '5491155550001'],
      ['national mobile with trunk prefix and 15', '011 15 5555-0001'],
      ['national mobile written with spaces and dashes', '11 15-5555-0001'],
      ['the landline form of the same number (last 7 digits)', '+54 11 5555-0001'],
    ])('finds the caller from a number written as %s (C12)', async (_name, number) => {
      const pop = await popOf(panel, offerCall(dialer, 'a1', { number }));
      expect(pop.payload.decision).toMatchObject({ type: 'record', recordId: maria });
    });

    it('several matches of two types with no priority: the search page, labelled (C1, C2)', async () => {
      const pop = await popOf(panel, offerCall(dialer, 'a1', { number: '011 4555-0002' }));
      expect(pop.payload).toMatchObject({
        searchBy: 'Phone',
        searchData: '+541145550002',
        decision: { type: 'search', searchString: '+541145550002' },
        matches: 2,
        callerName: 'Several matches',
        caller: null,
      });
    });

    it('no match: a new Contact prefilled with defaultNewRowData and a sync id Salesforce can store (C2, C4)', async () => {
      const callId = offerCall(dialer, 'a1', { number: '+541139990000', contactId: '70002' });
      const pop = await popOf(panel, callId);
      expect(pop.payload).toMatchObject({ searchBy: null, matches: 0, callerName: 'Unknown caller' });
      const decision = pop.payload.decision;
      if (decision.type !== 'new_record') throw new Error(`expected a new record, got ${decision.type}`);
      expect(decision.defaultFieldValues).toMatchObject({
        neoContactId__c: '70002',
        Phone: '+541139990000',
        neoSyncId__c: decision.syncId,
      });
      // What the panel's new-record modal would save: the sync id must survive Number(18,0) unchanged.
      const id = await org.create('Contact', { LastName: 'Nuevo', ...decision.defaultFieldValues });
      const [row] = await org.query(`SELECT neoSyncId__c FROM Contact WHERE Id = '${id}'`);
      expect(String(row['neoSyncId__c'])).toBe(decision.syncId);
    });

    it('finds a record created during the previous call on the next one (fresh PhoneIndex__c, not SOSL)', async () => {
      const id = await org.create('Lead', {
        LastName: 'Recién',
        Company: 'Creada S.R.L.',
        Phone: '(011) 4777-1234',
      });
      const pop = await popOf(panel, offerCall(dialer, 'a1', { number: '+541147771234' }));
      expect(pop.payload.decision).toEqual({ type: 'record', objectType: 'Lead', recordId: id });
    });

    it('links the record created from the pop by its neoSyncId__c (C4)', async () => {
      const callId = offerCall(dialer, 'a1', { number: '+541139990011' });
      const pop = await popOf(panel, callId);
      if (pop.payload.decision.type !== 'new_record') throw new Error('expected a new record');
      const early = await gw.request('POST', `/api/v1/calls/${callId}/crm/sync`, { token });
      expect(early.status).toBe(404);
      const id = await org.create('Contact', {
        LastName: 'Sincronizado',
        ...pop.payload.decision.defaultFieldValues,
      });
      const synced = await gw.request('POST', `/api/v1/calls/${callId}/crm/sync`, { token });
      expect(synced.status).toBe(202);
      expect(synced.body).toEqual({ objectType: 'Contact', recordId: id, name: 'Sincronizado' });
      await panel.waitForState((s) => s.crm?.linked?.recordId === id);
    });

    it('an anonymous inbound caller is labelled and follows the no-match layout (C15, D3)', async () => {
      const pop = await popOf(
        panel,
        offerCall(dialer, 'a1', { direction: 'inbound', number: 'anonymous', crmKey: '88001' }),
      );
      expect(pop.payload).toMatchObject({
        callerName: 'Private number',
        decision: { type: 'new_record', objectType: 'Contact' },
      });
    });

    it('searches by the key before the phone: a Salesforce Id, then neoSyncId__c (C1)', async () => {
      const juan = await idOf("SELECT Id FROM Lead WHERE Company = 'Pérez Hnos. S.A.'");
      const byId = await popOf(
        panel,
        offerCall(dialer, 'a1', { direction: 'inbound', crmKey: juan, number: '011 4555-0002' }),
      );
      expect(byId.payload).toMatchObject({ searchBy: 'Id', searchData: juan, decision: { recordId: juan } });
      const bySync = await popOf(
        panel,
        offerCall(dialer, 'a1', { direction: 'inbound', crmKey: '900001', number: '+34612345678' }),
      );
      expect(bySync.payload).toMatchObject({ searchBy: 'neoSyncId__c', decision: { recordId: maria } });
    });

    it('skips internal calls (C15)', async () => {
      const internal = offerCall(dialer, 'a1', { direction: 'internal', number: '2002' });
      const next = offerCall(dialer, 'a1', { number: '+34 612 345 678' });
      await popOf(panel, next);
      expect(panel.events.some((e) => e.type === 'crm.pop' && e.payload.callId === internal)).toBe(false);
    });

    it('searches by name, number or e-mail and returns a record with every field (C10, C8)', async () => {
      const found = await gw.request('GET', '/api/v1/crm/search?q=Carmen', { token });
      expect(found.status).toBe(200);
      const carmen = (found.body.items as { objectType: string; id: string; name: string }[]).find(
        (i) => i.name === 'Carmen López',
      );
      expect(carmen).toMatchObject({ objectType: 'Lead' });
      const record = await gw.request('GET', `/api/v1/crm/records/Lead/${carmen?.id}`, { token });
      expect(record.body).toMatchObject({
        Id: carmen?.id,
        Company: 'Levante Ibérica S.A.',
        MobilePhone: '+34 612 345 678',
      });
      expect(record.body.attributes).toBeUndefined();
      // A well-formed id of no record is "no such record"; an id with a wrong checksum is no id (issue 14 §1).
      const missing = await gw.request('GET', '/api/v1/crm/records/Lead/00Q000000000000EAA', { token });
      expect(missing.status).toBe(404);
      const malformed = await gw.request('GET', '/api/v1/crm/records/Lead/00Q000000000000AAA', { token });
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('dials a clicked record as its dialer contact, looked up by neoCrmId__c and the record id (B6)', async () => {
      const john = await idOf("SELECT Id FROM Contact WHERE Email = 'john.smith@example.com'");
      await (await org.conn()).sobject('Contact').update({ Id: john, neoCrmId__c: '3' });
      const asked: unknown[] = [];
      dialer.on('Get_ContactByKey', (r) => {
        asked.push(r);
        return { contact: { ...dialerContact(), contactId: '8801', crmKey: john } };
      });
      dialer.on('Dial', () => ({ call: dialed('sf-c2d-1') }));
      const res = await gw.request('POST', '/api/v1/calls', {
        token,
        body: { number: '+14155550100', crmRecordId: john },
      });
      expect(res.status).toBe(201);
      expect(asked).toEqual([{ crmId: '3', key: john }]);
      expect(dialer.calls.filter((c) => c.method === 'Dial').at(-1)).toMatchObject({
        body: { number: '+14155550100', contactId: '8801' },
      });
    });

    it('issue 16 §2.4: a stale neoContactId__c is tried first, then the number is dialed alone', async () => {
      const id = await org.create('Contact', {
        LastName: 'Obsoleto',
        Phone: '+14155550100',
        neoContactId__c: '424242',
        neoCrmId__c: '3',
      });
      const asked: unknown[] = [];
      dialer.on('Get_ContactByKey', (r) => {
        asked.push(r);
        return { contact: dialerContact() };
      });
      dialer.on('Dial', (r) => {
        // The dialer refuses a contact it does not have: nothing is dialed.
        if ((r as { contactId?: string }).contactId) throw new NeoApiError('NOT_FOUND', 'no contact 424242');
        return { call: dialed('sf-c2d-2') };
      });
      const before = dialer.calls.filter((c) => c.method === 'Dial').length;
      const res = await gw.request('POST', '/api/v1/calls', {
        token,
        body: { number: '+14155550100', crmRecordId: id },
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ callId: 'sf-c2d-2' });
      // The record's own dialer id wins over a key look-up.
      expect(asked).toEqual([]);
      expect(dialer.calls.filter((c) => c.method === 'Dial').slice(before)).toMatchObject([
        { body: { number: '+14155550100', contactId: '424242' } },
        { body: { number: '+14155550100' } },
      ]);
    });
  });

  describe('with searchTypePriority, exact numbers and Leads for unknown callers', () => {
    let gw: GatewayHarness;
    let panel: PanelClient;

    beforeAll(async () => {
      ({ gw, panel } = await gatewayWith({
        '/neotelConfigOptions/searchTypePriority': 'Lead|Contact|Account',
        '/puenteOptions/phoneMatch': 'exact',
        '/puenteOptions/unknownCallerRecord': 'Lead',
        '/puenteOptions/unknownCallerCompany': 'Llamante [Number]',
        '/puenteOptions/layoutOutbound': 'noMatch=none;singleMatch=open;multipleMatches=none',
      }));
    });

    afterAll(() => gw.stop());

    it('the first type of the priority wins among several matches (C1)', async () => {
      const lead = (await org.query("SELECT Id FROM Lead WHERE Company = 'Pérez Hnos. S.A.'"))[0].Id;
      const pop = await popOf(panel, offerCall(dialer, 'a1', { number: '+54 11 4555-0002' }));
      expect(pop.payload).toMatchObject({ matches: 2, decision: { type: 'record', recordId: lead } });
    });

    it('matches only the exact E.164 number (C12)', async () => {
      const exact = await popOf(panel, offerCall(dialer, 'a1', { number: '011 15 5555-0001' }));
      expect(exact.payload.decision.type).toBe('record');
      const landline = await popOf(panel, offerCall(dialer, 'a1', { number: '+54 11 5555-0001' }));
      expect(landline.payload).toMatchObject({ matches: 0, decision: { type: 'none' } });
    });

    it('creates a Lead for an unknown inbound caller and opens it (C13)', async () => {
      const callId = offerCall(dialer, 'a1', {
        direction: 'inbound',
        crmKey: '99001',
        number: '+34 911 23 45 67',
        contactId: '70009',
      });
      const pop = await popOf(panel, callId);
      const decision = pop.payload.decision;
      if (decision.type !== 'record') throw new Error(`expected a record, got ${decision.type}`);
      const [lead] = await org.query(
        `SELECT Company, Phone, neoContactId__c, CreatedBy.Username FROM Lead WHERE Id = '${decision.recordId}'`,
      );
      expect(lead).toMatchObject({
        Company: 'Llamante +34911234567',
        Phone: '+34911234567',
        neoContactId__c: '70009',
        CreatedBy: { Username: SF_DEMO.integrationUser },
      });
    });
  });
});

function dialerContact() {
  return {
    contactId: '',
    contactBaseId: '12',
    crmId: '3',
    crmKey: '',
    phoneNumber: '+14155550100',
    callCampaing: '',
    callDialer: '',
    callId: '',
    callQueue: '',
    callReason: '',
    campaignCrmId: '',
    campaignBaseId: '',
    userOutCampaign: '',
    fields: {},
  };
}

function dialed(callId: string) {
  return {
    callId,
    direction: 'outbound' as const,
    state: 'dialing' as const,
    number: '+14155550100',
    campaignId: null,
    queueId: null,
    dialerMode: 'manual' as const,
    startedAt: new Date().toISOString(),
    answeredAt: null,
    transfer: null,
    participants: [],
    recordingUrl: null,
  };
}
