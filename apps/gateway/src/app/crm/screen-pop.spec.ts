import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentEvent } from '@puente/contracts';
import { generateCallCenterXml } from '@puente/crm';
import type { NeoCall, NeoContact } from '@puente/neoapi';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { FakeCrm } from '../../testing/fake-crm';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness, type PanelClient } from '../../testing/gateway-harness';
import { CRM } from './crm.port';
import { OutboxWorker } from './outbox/outbox.worker';

function callCenterFile(overrides: Record<string, string>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'cc-')), 'callcenter.xml');
  writeFileSync(file, generateCallCenterXml(overrides));
  return file;
}

let callSeq = 0;
function offer(
  dialer: FakeNeoApiServer,
  opts: {
    direction?: NeoCall['direction'];
    number?: string;
    crmKey?: string;
    mode?: NeoCall['dialerMode'];
    contactId?: string;
  } = {},
): string {
  const callId = `call-${++callSeq}`;
  const contact: NeoContact = {
    contactId: opts.contactId ?? '501',
    contactBaseId: '12',
    crmId: '3',
    crmKey: opts.crmKey ?? '',
    phoneNumber: opts.number ?? '+541155551234',
    callCampaing: '97',
    callDialer: opts.mode ?? 'progressive',
    callId,
    callQueue: '',
    callReason: 'No procesado',
    campaignCrmId: '3',
    campaignBaseId: '12',
    userOutCampaign: '97',
    fields: {},
  };
  dialer.emit('a1', 'CallOffered', {
    call: {
      callId,
      direction: opts.direction ?? 'outbound',
      state: 'ringing',
      number: opts.number ?? '+541155551234',
      campaignId: '97',
      queueId: null,
      dialerMode: opts.direction === 'inbound' ? null : (opts.mode ?? 'progressive'),
      startedAt: new Date().toISOString(),
      answeredAt: null,
      transfer: null,
      participants: [],
      recordingUrl: null,
    },
    contact,
  });
  return callId;
}

type Pop = Extract<AgentEvent, { type: 'crm.pop' }>;

describe('screen pop decisions (C1, C2, C3, C12, C13, C15)', () => {
  let dialer: FakeNeoApiServer;
  let crm: FakeCrm;
  let gw: GatewayHarness;
  let panel: PanelClient;

  async function start(overrides: Record<string, string> = {}) {
    dialer = await startFakeDialer();
    crm = new FakeCrm();
    gw = await new GatewayHarness({
      dialerUrl: dialer.url,
      env: { CALL_CENTER_FILE: callCenterFile(overrides) },
      overrides: [{ token: CRM, value: crm }],
    }).start();
    const session = await gw.login('agent1');
    panel = await gw.panel(session.accessToken);
    for (let i = 0; i < 200 && dialer.openStreams('a1') === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
  }

  afterEach(async () => {
    await gw.stop();
    await dialer.stop();
  });

  const popFor = async (callId: string) =>
    (await panel.waitFor((e) => e.type === 'crm.pop' && e.payload.callId === callId)) as Pop;

  describe('with the default layouts', () => {
    beforeEach(() => start({ '/neotelConfigOptions/searchTypePriority': 'Contact|Account' }));

    it('one match by phone opens the record, reports SearchBy and shows the caller card (C14)', async () => {
      const id = crm.add('Contact', {
        Name: 'Ana Pérez',
        Phone: '011 15 5555-1234',
        Owner: { Name: 'Sofía' },
      });
      const retrieve = jest.spyOn(crm, 'retrieve');
      const pop = await popFor(offer(dialer));
      // The search read the card's fields along with the match: no further round trip.
      expect(retrieve).not.toHaveBeenCalled();
      expect(pop.payload).toMatchObject({
        searchBy: 'Phone',
        searchData: '+541155551234',
        decision: { type: 'record', objectType: 'Contact', recordId: id },
        matches: 1,
        callerName: 'Ana Pérez',
        caller: { name: 'Ana Pérez', fields: [{ label: 'Phone', value: '011 15 5555-1234' }] },
      });
      expect(panel.state.crm?.linked?.recordId).toBe(id);
    });

    it("says how long the decision took and how much of it was Salesforce's (issue 5)", async () => {
      crm.add('Contact', { Name: 'Ana Pérez', Phone: '+541155551234' });
      const slowPhone = crm.findByPhone.bind(crm);
      jest.spyOn(crm, 'findByPhone').mockImplementation(async (...args) => {
        await new Promise((r) => setTimeout(r, 40));
        return slowPhone(...args);
      });
      const { timing } = (await popFor(offer(dialer))).payload;
      expect(timing?.salesforceMs).toBeGreaterThanOrEqual(39);
      expect(timing?.totalMs).toBeGreaterThanOrEqual(timing?.salesforceMs ?? Infinity);
      // The panel keeps the view, not the diagnosis.
      expect(panel.state.crm).not.toHaveProperty('timing');
    });

    it('searches by the key before the phone, and writes externalData back (C3)', async () => {
      const byPhone = crm.add('Contact', { Name: 'By phone', Phone: '+541155551234' });
      const byKey = crm.add('Account', { Name: 'By key' });
      const pop = await popFor(offer(dialer, { crmKey: byKey }));
      expect(pop.payload.searchBy).toBe('Id');
      expect(pop.payload.decision).toEqual({ type: 'record', objectType: 'Account', recordId: byKey });
      await gw.app.get(OutboxWorker).round();
      expect(crm.records.get(byKey)?.fields).toMatchObject({
        neoContactId__c: '501',
        neoBaseId__c: '12',
        neoCrmId__c: '3',
      });
      expect(crm.records.get(byPhone)?.fields['neoContactId__c']).toBeUndefined();
    });

    it('finds a record popped before by the dialer contact id written back', async () => {
      const id = crm.add('Lead', { Name: 'Leo', neoContactId__c: '777' });
      const pop = await popFor(offer(dialer, { contactId: '777', number: '+14155550000' }));
      expect(pop.payload).toMatchObject({ searchBy: 'neoContactId__c', decision: { recordId: id } });
    });

    it('applies searchTypePriority among several matches (C1)', async () => {
      crm.add('Account', { Name: 'Acme', Phone: '+541155551234' });
      const contact = crm.add('Contact', { Name: 'Ana', Phone: '+541155551234' });
      const pop = await popFor(offer(dialer));
      expect(pop.payload).toMatchObject({ decision: { recordId: contact }, matches: 2 });
    });

    it('several of the same type open the search page', async () => {
      crm.add('Contact', { Name: 'Ana', Phone: '+541155551234' });
      crm.add('Contact', { Name: 'Ana bis', MobilePhone: '+54 9 11 5555-1234' });
      const pop = await popFor(offer(dialer));
      expect(pop.payload).toMatchObject({
        decision: { type: 'search', searchString: '+541155551234' },
        callerName: 'Several matches',
      });
    });

    it('issue 16 §2.3: several matches by phone despite a key: the search page gets the phone, the panel the list', async () => {
      const ana = crm.add('Contact', { Name: 'Ana', Phone: '+541155551234' });
      const bis = crm.add('Contact', { Name: 'Ana bis', MobilePhone: '+54 9 11 5555-1234' });
      // The dialer's key finds nothing in Salesforce: the phone matched, so the search page must look for it.
      const pop = await popFor(offer(dialer, { crmKey: 'V100000' }));
      expect(pop.payload).toMatchObject({
        searchBy: 'Phone',
        searchData: '+541155551234',
        decision: { type: 'search', searchString: '+541155551234' },
        matches: 2,
        caller: null,
      });
      expect(pop.payload.candidates).toEqual([
        {
          recordId: ana,
          objectType: 'Contact',
          name: 'Ana',
          fields: [{ label: 'Phone', value: '+541155551234' }],
        },
        { recordId: bis, objectType: 'Contact', name: 'Ana bis', fields: [] },
      ]);
      expect(panel.state.crm?.candidates).toHaveLength(2);
    });

    it('no match opens a new Contact prefilled with defaultNewRowData and a sync id (C4)', async () => {
      const pop = await popFor(offer(dialer));
      expect(pop.payload.decision).toMatchObject({
        type: 'new_record',
        objectType: 'Contact',
        defaultFieldValues: {
          neoContactId__c: '501',
          neoBaseId__c: '12',
          neoCrmId__c: '3',
          Phone: '+541155551234',
        },
      });
      const decision = pop.payload.decision as { syncId: string; defaultFieldValues: Record<string, string> };
      expect(decision.defaultFieldValues['neoSyncId__c']).toBe(decision.syncId);
      expect(decision.syncId).toMatch(/^\d{16,18}$/);
    });

    it('an inbound "idContacto-" key runs no search and follows the no-match rule (D1, C2)', async () => {
      crm.add('Contact', { Name: 'Would match', Phone: '+541155551234' });
      const before = crm.calls;
      const pop = await popFor(offer(dialer, { direction: 'inbound', crmKey: '' }));
      expect(pop.payload).toMatchObject({ searchBy: null, decision: { type: 'new_record' } });
      expect(crm.calls).toBe(before);
    });

    it('matches the last 7 digits by default and only exact numbers when configured (C12)', async () => {
      crm.add('Contact', { Name: 'Landline', Phone: '11 5555 1234' });
      const pop = await popFor(offer(dialer, { number: '+5491155551234' }));
      expect(pop.payload.decision.type).toBe('record');
    });

    it('labels anonymous inbound callers and still pops the no-match layout (C15, D3)', async () => {
      const pop = await popFor(
        offer(dialer, { direction: 'inbound', crmKey: '0033000000abcDEF', number: 'anonymous' }),
      );
      expect(pop.payload).toMatchObject({ callerName: 'Private number', decision: { type: 'new_record' } });
    });

    it('leaves a private caller\'s new record without a Phone, never "anonymous" (issue 16 §2.5)', async () => {
      const pop = await popFor(offer(dialer, { direction: 'inbound', number: 'anonymous' }));
      const decision = pop.payload.decision;
      if (decision.type !== 'new_record') throw new Error(`expected a new record, got ${decision.type}`);
      expect(decision.defaultFieldValues['Phone']).toBeUndefined();
      expect(JSON.stringify(decision)).not.toContain('anonymous');
      expect(decision.defaultFieldValues).toMatchObject({ neoContactId__c: '501' });
    });

    it('skips internal calls (C15)', async () => {
      offer(dialer, { direction: 'internal', number: '2002' });
      const next = offer(dialer);
      const pop = await popFor(next);
      expect(pop.payload.callId).toBe(next);
      expect(panel.events.filter((e) => e.type === 'crm.pop')).toHaveLength(1);
    });

    it('searches predictive calls on answer, others on ring (B7)', async () => {
      const predictive = offer(dialer, { mode: 'predictive' });
      await panel.waitFor((e) => e.type === 'call.offered' && e.payload.callId === predictive);
      await new Promise((r) => setTimeout(r, 100));
      expect(panel.events.some((e) => e.type === 'crm.pop' && e.payload.callId === predictive)).toBe(false);
      dialer.emit('a1', 'CallAnswered', { callId: predictive });
      await popFor(predictive);
    });

    it('tells the agent when Salesforce is down and pops nothing', async () => {
      crm.down = true;
      const pop = await popFor(offer(dialer));
      expect(pop.payload.decision).toEqual({ type: 'none' });
      await panel.waitFor((e) => e.type === 'system.error' && e.payload.code === 'CRM_UNAVAILABLE');
    });
  });

  it('per call type: inbound none/open/search, outbound with nothing on no match (C2)', async () => {
    await start({
      '/puenteOptions/layoutOutbound': 'noMatch=none;singleMatch=none;multipleMatches=none',
      '/puenteOptions/layoutInbound': 'noMatch=new:Lead;singleMatch=open;multipleMatches=search',
    });
    expect((await popFor(offer(dialer))).payload.decision).toEqual({ type: 'none' });
    expect(
      (await popFor(offer(dialer, { direction: 'inbound', crmKey: 'x' }))).payload.decision,
    ).toMatchObject({ type: 'new_record', objectType: 'Lead' });
    crm.add('Contact', { Name: 'Ana', Phone: '+541155551234' });
    expect((await popFor(offer(dialer))).payload.decision).toEqual({ type: 'none' });
    expect((await popFor(offer(dialer, { direction: 'inbound', crmKey: 'x' }))).payload.decision.type).toBe(
      'record',
    );
  });

  it('creates a Lead for an unknown caller when configured (C13)', async () => {
    await start({
      '/puenteOptions/unknownCallerRecord': 'Lead',
      '/puenteOptions/unknownCallerCompany': 'Caller [Number]',
    });
    const pop = await popFor(offer(dialer, { direction: 'inbound', crmKey: 'k1', number: '+34911234567' }));
    expect(pop.payload.decision).toMatchObject({ type: 'record', objectType: 'Lead' });
    const created = [...crm.records.values()].find((r) => r.objectType === 'Lead');
    expect(created?.fields).toMatchObject({
      Company: 'Caller +34911234567',
      Phone: '+34911234567',
      neoContactId__c: '501',
    });
  });

  it('matches exact numbers only when phoneMatch is exact (C12)', async () => {
    await start({ '/puenteOptions/phoneMatch': 'exact' });
    crm.add('Contact', { Name: 'Landline', Phone: '11 5555 1234' });
    expect((await popFor(offer(dialer, { number: '+5491155551234' }))).payload.decision.type).toBe(
      'new_record',
    );
  });
});
