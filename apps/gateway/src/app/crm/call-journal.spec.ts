import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flattenCallCenter, generateCallCenterXml } from '@puente/crm';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { FakeCrm } from '../../testing/fake-crm';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness, type PanelClient } from '../../testing/gateway-harness';
import { CRM } from './crm.port';
import { OutboxWorker } from './outbox/outbox.worker';

const CALL_CENTER = join(mkdtempSync(join(tmpdir(), 'cc-')), 'callcenter.xml');
writeFileSync(
  CALL_CENTER,
  generateCallCenterXml({ '/puenteOptions/recordingUrl': 'https://rec.example.com/[CallId]' }),
);

describe('call journaling through the outbox (C11, C5, C4, A5, B6, C8, C10)', () => {
  let dialer: FakeNeoApiServer;
  let crm: FakeCrm;
  let gw: GatewayHarness;
  let panel: PanelClient;
  let token: string;

  async function startGateway(dataDir?: string) {
    gw = await new GatewayHarness({
      dialerUrl: dialer.url,
      dataDir,
      env: { CALL_CENTER_FILE: CALL_CENTER },
      overrides: [{ token: CRM, value: crm }],
    }).start();
  }

  beforeEach(async () => {
    dialer = await startFakeDialer();
    dialer.setPosition('a1', (p) => ({ ...p, agent: { ...p.agent, email: 'agent1@puente.demo' } }));
    dialer.on('Get_Categories', () => ({
      categories: [
        { id: '4', name: 'Venta', schedules: false, subcategories: [{ id: '9', name: 'Contado' }] },
      ],
    }));
    crm = new FakeCrm();
    crm.users.set('agent1@puente.demo', '005000000000001AAA');
    await startGateway();
    token = (await gw.login('agent1')).accessToken;
    panel = await gw.panel(token);
    for (let i = 0; i < 200 && dialer.openStreams('a1') === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
  });

  afterEach(async () => {
    await gw.stop();
    await dialer.stop();
  });

  function call(callId: string, direction: 'inbound' | 'outbound' = 'outbound', number = '+541155551234') {
    dialer.emit('a1', 'CallOffered', {
      call: {
        callId,
        direction,
        state: 'ringing',
        number,
        campaignId: '97',
        queueId: null,
        dialerMode: 'progressive',
        startedAt: new Date().toISOString(),
        answeredAt: null,
        transfer: null,
        participants: [],
        recordingUrl: null,
      },
      contact: {
        contactId: '501',
        contactBaseId: '12',
        crmId: '3',
        crmKey: 'k',
        phoneNumber: '+541155551234',
        callCampaing: '97',
        callDialer: 'progressive',
        callId,
        callQueue: '',
        callReason: '',
        campaignCrmId: '3',
        campaignBaseId: '12',
        userOutCampaign: '97',
        fields: {},
      },
    });
  }

  const deliver = () => gw.app.get(OutboxWorker).round();

  it('writes one Task per call with the disposition, owner, record and recording link', async () => {
    const contact = crm.add('Contact', { Name: 'Ana', Phone: '+541155551234' });
    call('c1');
    dialer.emit('a1', 'CallAnswered', { callId: 'c1' });
    await panel.waitFor((e) => e.type === 'crm.pop');
    await new Promise((r) => setTimeout(r, 1100));
    dialer.emit('a1', 'CallEnded', { callId: 'c1', cause: 'customer_hangup', talkSeconds: 1 });
    await panel.waitFor((e) => e.type === 'call.ended');
    dialer.emit('a1', 'ContactReleased', {
      contactId: '501',
      categoryId: '4',
      subcategoryId: '9',
      scheduledFor: null,
    });
    await panel.waitFor((e) => e.type === 'contact.released');
    await new Promise((r) => setTimeout(r, 50));
    await deliver();
    expect(crm.tasks).toHaveLength(1);
    expect(crm.tasks[0]).toMatchObject({
      CallObject: 'c1',
      CallType: 'Outbound',
      CallDisposition: 'Venta / Contado',
      OwnerId: '005000000000001AAA',
      WhoId: contact,
      Status: 'Completed',
      TaskSubtype: 'Call',
    });
    expect(Number(crm.tasks[0]['CallDurationInSeconds'])).toBeGreaterThanOrEqual(1);
    expect(String(crm.tasks[0]['Description'])).toContain('Recording: https://rec.example.com/c1');
  });

  it("journals with the Call Center the agent's panel read from Salesforce, not the gateway's file (issue 16 §2.5)", async () => {
    const callCenter = flattenCallCenter(
      generateCallCenterXml({ '/puenteOptions/anonymousLabel': 'Número oculto' }),
    );
    const sent = await gw.request('PUT', '/api/v1/session/salesforce-settings', {
      token,
      body: { callCenter, softphoneLayout: null },
    });
    expect(sent.status).toBe(200);
    call('c7', 'inbound', 'anonymous');
    dialer.emit('a1', 'CallEnded', { callId: 'c7', cause: 'customer_hangup', talkSeconds: 0 });
    await panel.waitFor((e) => e.type === 'call.ended');
    await new Promise((r) => setTimeout(r, 50));
    await deliver();
    expect(crm.tasks).toHaveLength(1);
    expect(crm.tasks[0]['Subject']).toContain('Número oculto');
    expect(String(crm.tasks[0]['Description'])).toContain('Número oculto');
    expect(JSON.stringify(crm.tasks[0])).not.toMatch(/anonymous|Private number/i);
  });

  it('keeps Tasks through a Salesforce outage and a gateway restart, without duplicates', async () => {
    crm.down = true;
    call('c2');
    dialer.emit('a1', 'CallEnded', { callId: 'c2', cause: 'no_answer', talkSeconds: 0 });
    await panel.waitFor((e) => e.type === 'call.ended');
    await new Promise((r) => setTimeout(r, 50));
    await deliver();
    expect(crm.tasks).toHaveLength(0);
    const dataDir = gw.dataDir;
    await gw.stop();
    crm.down = false;
    await startGateway(dataDir);
    const outbox = gw.app.get(OutboxWorker);
    // The write waits out its back-off; retrying now stands in for time passing.
    await outbox.retryNow();
    expect(crm.tasks).toHaveLength(1);
    expect(crm.tasks[0]).toMatchObject({
      CallObject: 'c2',
      CallType: 'Outbound',
      Description: 'Outbound call to +541155551234 not answered.',
    });
    await outbox.round();
    expect(crm.tasks).toHaveLength(1);
  });

  it('a gateway stopping while the dialer releases the contact still writes its Task with the disposition (C11)', async () => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    call('c5');
    dialer.emit('a1', 'CallAnswered', { callId: 'c5' });
    dialer.emit('a1', 'CallEnded', { callId: 'c5', cause: 'customer_hangup', talkSeconds: 3 });
    await panel.waitFor((e) => e.type === 'call.ended');
    // A request still being answered keeps the stopping gateway's HTTP server open for a while,
    // as a deployment's SIGTERM meets one: the dialer releases the contact meanwhile.
    const categories = { categories: [{ id: '4', name: 'Venta', schedules: false, subcategories: [] }] };
    dialer.on('Get_Categories', async () => (await sleep(700), categories));
    const slow = gw.request('GET', '/api/v1/crms/3/categories', { token });
    await sleep(50);
    const stopping = gw.app.close();
    await sleep(200);
    dialer.emit('a1', 'ContactReleased', {
      contactId: '501',
      categoryId: '4',
      subcategoryId: null,
      scheduledFor: null,
    });
    await slow;
    await stopping;
    dialer.on('Get_Categories', () => categories);
    const dataDir = gw.dataDir;
    await startGateway(dataDir);
    for (let i = 0; i < 100 && !crm.tasks.some((t) => t['CallDisposition']); i++) {
      await deliver();
      await sleep(20);
    }
    expect(crm.tasks).toHaveLength(1);
    expect(crm.tasks[0]).toMatchObject({ CallObject: 'c5', CallDisposition: 'Venta', Status: 'Completed' });
  }, 20_000);

  it('links a record created from the pop by its sync id (C4) and logs the Task against it', async () => {
    call('c3');
    const pop = await panel.waitFor((e) => e.type === 'crm.pop');
    if (pop.type !== 'crm.pop' || pop.payload.decision.type !== 'new_record')
      throw new Error('expected a new record');
    const early = await gw.request('POST', '/api/v1/calls/c3/crm/sync', { token });
    expect(early.status).toBe(404);
    const created = crm.add('Contact', { Name: 'New Caller', neoSyncId__c: pop.payload.decision.syncId });
    const synced = await gw.request('POST', '/api/v1/calls/c3/crm/sync', { token });
    expect(synced.status).toBe(202);
    expect(synced.body).toEqual({ objectType: 'Contact', recordId: created, name: 'New Caller' });
    await panel.waitForState((s) => s.crm?.linked?.recordId === created);
    dialer.emit('a1', 'CallEnded', { callId: 'c3', cause: 'agent_hangup', talkSeconds: 0 });
    await panel.waitFor((e) => e.type === 'call.ended');
    await new Promise((r) => setTimeout(r, 50));
    await deliver();
    expect(crm.tasks[0]).toMatchObject({ CallObject: 'c3', WhoId: created });
  });

  it('tells an agent whose e-mail is not a Salesforce user (A5)', async () => {
    dialer.setPosition('a2', (p) => ({ ...p, agent: { ...p.agent, email: 'bruno@elsewhere.example' } }));
    const session = await gw.login('agent2', 'secret', '2002');
    const other = await gw.panel(session.accessToken);
    await other.waitForState((s) => s.lastError?.code === 'CRM_USER_NOT_MAPPED');
    expect(other.state.lastError?.message).toContain('bruno@elsewhere.example');
  });

  it('dials a clicked record as its dialer contact (B6)', async () => {
    const record = crm.add('Contact', { Name: 'Ana', neoCrmId__c: '3' });
    dialer.on('Get_ContactByKey', (r) => {
      expect(r).toEqual({ crmId: '3', key: record });
      return {
        contact: {
          contactId: '888',
          contactBaseId: '12',
          crmId: '3',
          crmKey: record,
          phoneNumber: '+541155551234',
          callCampaing: '',
          callDialer: '',
          callId: '',
          callQueue: '',
          callReason: '',
          campaignCrmId: '',
          campaignBaseId: '',
          userOutCampaign: '',
          fields: {},
        },
      };
    });
    dialer.on('Dial', () => ({
      call: {
        callId: 'c9',
        direction: 'outbound',
        state: 'dialing',
        number: '+541155551234',
        campaignId: null,
        queueId: null,
        dialerMode: 'manual',
        startedAt: new Date().toISOString(),
        answeredAt: null,
        transfer: null,
        participants: [],
        recordingUrl: null,
      },
    }));
    const res = await gw.request('POST', '/api/v1/calls', {
      token,
      body: { number: '+541155551234', crmRecordId: record },
    });
    expect(res.status).toBe(201);
    expect(dialer.calls.at(-1)).toMatchObject({
      method: 'Dial',
      body: { number: '+541155551234', contactId: '888' },
    });
  });

  it('searches Salesforce for the panel and returns a record with every field (C10, C8)', async () => {
    const id = crm.add('Account', { Name: 'Acme SA', Phone: '+34911234567', AnnualRevenue: 5 });
    const found = await gw.request('GET', '/api/v1/crm/search?q=acme', { token });
    expect(found.body.items).toEqual([{ objectType: 'Account', id, name: 'Acme SA' }]);
    const record = await gw.request('GET', `/api/v1/crm/records/Account/${id}`, { token });
    expect(record.body).toMatchObject({ Id: id, Name: 'Acme SA', AnnualRevenue: 5 });
    expect((await gw.request('GET', '/api/v1/crm/records/Planet/x', { token })).body).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    crm.down = true;
    expect((await gw.request('GET', '/api/v1/crm/search?q=acme', { token })).body.code).toBe(
      'CRM_UNAVAILABLE',
    );
  });
});
