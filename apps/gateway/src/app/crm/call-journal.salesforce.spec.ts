import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { callCenterFile, offerCall, popOf, streamOpen } from '../../testing/call-script';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness, type PanelClient } from '../../testing/gateway-harness';
import { SalesforceOrg, SF_DEMO } from '../../testing/salesforce-org';
import { OutboxWorker } from './outbox/outbox.worker';

jest.setTimeout(40_000);

const CALL_CENTER = callCenterFile({ '/puenteOptions/recordingUrl': 'https://rec.example.com/[CallId]' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Call journaling (C11, C5, A5, C16) against the real local org, and what
 * must survive: Salesforce over its API allowance or failing, expired
 * sessions, gateway restarts. One Task per call, whatever happens.
 */
describe('call journal against the Salesforce emulator', () => {
  let org: SalesforceOrg;
  let dialer: FakeNeoApiServer;
  let gw: GatewayHarness;
  let panel: PanelClient;
  let agentUserId: string;

  async function startGateway(dataDir?: string) {
    gw = await new GatewayHarness({
      dialerUrl: dialer.url,
      salesforceUrl: org.url,
      dataDir,
      // A short time-out, so that an unreachable Salesforce shows within a test's patience.
      env: { CALL_CENTER_FILE: CALL_CENTER, SALESFORCE_TIMEOUT_MS: '2000' },
    }).start();
    const session = await gw.login('agent1');
    panel = await gw.panel(session.accessToken);
    await streamOpen(dialer, 'a1');
  }

  beforeAll(async () => {
    org = await new SalesforceOrg().start();
    agentUserId = (await org.query(`SELECT Id FROM User WHERE Email = '${SF_DEMO.agentEmail}'`))[0].Id;
    dialer = await startFakeDialer();
    dialer.setPosition('a1', (p) => ({ ...p, agent: { ...p.agent, email: SF_DEMO.agentEmail } }));
    dialer.on('Get_Categories', () => ({
      categories: [
        { id: '4', name: 'Venta', schedules: false, subcategories: [{ id: '9', name: 'Contado' }] },
      ],
    }));
  });

  beforeEach(() => startGateway());

  afterEach(async () => {
    await gw.stop();
    await org.clearFaults();
  });

  afterAll(async () => {
    await dialer?.stop();
    await org?.stop();
  });

  const outbox = () => gw.app.get(OutboxWorker);
  const tasksOf = (callId: string) =>
    org.query(
      'SELECT Id, Subject, Status, TaskSubtype, CallType, CallDurationInSeconds, CallObject, CallDisposition, ' +
        `WhoId, WhatId, OwnerId, Description, ActivityDate FROM Task WHERE CallObject = '${callId}'`,
    );

  /** A call from offer to hang-up (talking `talkMs` when answered); resolves once the gateway saw the end. */
  async function callThrough(
    opts: Parameters<typeof offerCall>[2] & { talkMs?: number; beforeEnd?: () => Promise<void> },
  ): Promise<string> {
    const callId = offerCall(dialer, 'a1', opts);
    await popOf(panel, callId);
    if (opts.talkMs !== undefined) {
      dialer.emit('a1', 'CallAnswered', { callId });
      await panel.waitFor((e) => e.type === 'call.answered' && e.payload.callId === callId);
      await sleep(opts.talkMs);
    }
    await opts.beforeEnd?.();
    const cause = opts.talkMs === undefined ? 'no_answer' : 'customer_hangup';
    dialer.emit('a1', 'CallEnded', { callId, cause, talkSeconds: Math.round((opts.talkMs ?? 0) / 1000) });
    await panel.waitFor((e) => e.type === 'call.ended' && e.payload.callId === callId);
    return callId;
  }

  it('writes one Task with every call field, owned by the agent (C11, C5, A5, C16)', async () => {
    const maria = (await org.query('SELECT Id FROM Contact WHERE neoSyncId__c = 900001'))[0].Id;
    const callId = await callThrough({ number: '+5491155550001', talkMs: 1100 });
    dialer.emit('a1', 'ContactReleased', {
      // The contact on screen: a release names it, and the journal completes that contact's call.
      contactId: panel.state.contact?.contactId ?? '',
      categoryId: '4',
      subcategoryId: '9',
      scheduledFor: null,
    });
    await panel.waitFor((e) => e.type === 'contact.released');
    await sleep(50);
    await outbox().round();
    const tasks = await tasksOf(callId);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      Subject: 'Outbound call +5491155550001',
      Status: 'Completed',
      TaskSubtype: 'Call',
      CallType: 'Outbound',
      CallObject: callId,
      CallDisposition: 'Venta / Contado',
      WhoId: maria,
      OwnerId: agentUserId,
      ActivityDate: new Date().toISOString().slice(0, 10),
    });
    expect(tasks[0]['CallDurationInSeconds']).toBeGreaterThanOrEqual(1);
    expect(String(tasks[0]['Description'])).toContain(`Recording: https://rec.example.com/${callId}`);
  });

  it('relates an inbound call with an Account to WhatId, and a missed call says so', async () => {
    const acme = (await org.query("SELECT Id FROM Account WHERE Name = 'Acme Argentina S.A.'"))[0].Id;
    const callId = await callThrough({ direction: 'inbound', crmKey: acme, number: '+541145550003' });
    await outbox().round();
    const [task] = await tasksOf(callId);
    expect(task).toMatchObject({
      CallType: 'Inbound',
      WhatId: acme,
      WhoId: null,
      CallDurationInSeconds: 0,
      Description: 'Missed call from +541145550003.',
    });
  });

  it('never doubles a Task: repeated deliveries and a write whose answer was lost update the one Task', async () => {
    const callId = `lost-answer-${Date.now()}`;
    // As if an earlier attempt had created the Task but the gateway never heard back.
    await org.create('Task', {
      Subject: 'first attempt',
      CallObject: callId,
      TaskSubtype: 'Call',
      OwnerId: agentUserId,
    });
    await callThrough({ callId, number: '+34612345678', talkMs: 0 });
    await outbox().round();
    await outbox().enqueue('task', callId, { task: { CallObject: callId, CallDisposition: 'Again' } });
    await outbox().round();
    await outbox().retryNow();
    const tasks = await tasksOf(callId);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      Subject: 'Outbound call +34612345678',
      CallType: 'Outbound',
      CallDisposition: 'Again',
    });
  });

  it.each([
    ['over its API allowance (REQUEST_LIMIT_EXCEEDED)', { requestLimitExceeded: true }],
    ['failing (500 UNKNOWN_EXCEPTION)', { errorRate: 1 }],
  ])('keeps the Task while Salesforce is %s and delivers it afterwards', async (_name, faults) => {
    const callId = await callThrough({
      number: '+5491155550001',
      talkMs: 0,
      beforeEnd: () => org.faults(faults),
    });
    await outbox().round();
    for (let i = 0; i < 3; i++) await outbox().retryNow();
    expect(await outbox().store.counts()).toEqual({ pending: 1, dead: 0 });
    await org.clearFaults();
    await outbox().retryNow();
    expect(await tasksOf(callId)).toHaveLength(1);
    expect(await outbox().store.counts()).toEqual({ pending: 0, dead: 0 });
  });

  it('delivers a Task queued during an outage after a gateway restart, once', async () => {
    await org.faults({ requestLimitExceeded: true });
    const callId = await callThrough({ number: '+5491155550001', talkMs: 0 });
    await outbox().round();
    expect((await outbox().store.counts()).pending).toBe(1);
    const dataDir = gw.dataDir;
    await gw.stop();
    await org.clearFaults();
    await startGateway(dataDir);
    // The write waits out its back-off; retrying now stands in for the time passing.
    await outbox().retryNow();
    await outbox().retryNow();
    expect(await tasksOf(callId)).toHaveLength(1);
  });

  it('refreshes an expired session by itself: no error reaches the agent (INVALID_SESSION_ID)', async () => {
    const maria = (await org.query('SELECT Id FROM Contact WHERE neoSyncId__c = 900001'))[0].Id;
    await popOf(panel, offerCall(dialer, 'a1', { number: '+5491155550001' }));
    await org.expireSessions();
    const afterExpiry = await popOf(panel, offerCall(dialer, 'a1', { number: '+5491155550001' }));
    expect(afterExpiry.payload.decision).toMatchObject({ type: 'record', recordId: maria });
    // One 401: the session ended. Refreshed once and replayed; a second 401 in a row would fail the call.
    await org.faults({ unauthorizedNextCalls: 1 });
    const callId = await callThrough({ number: '+5491155550001', talkMs: 0 });
    await outbox().round();
    expect(await tasksOf(callId)).toHaveLength(1);
    expect(panel.events.filter((e) => e.type === 'system.error')).toEqual([]);
  });

  it('logs the Tasks of an agent unknown to Salesforce as the integration user, and says why (A5)', async () => {
    dialer.setPosition('a2', (p) => ({ ...p, agent: { ...p.agent, email: 'bruno@elsewhere.example' } }));
    const session = await gw.login('agent2', 'secret', '2002');
    const other = await gw.panel(session.accessToken);
    await streamOpen(dialer, 'a2');
    await other.waitForState((s) => s.lastError?.code === 'CRM_USER_NOT_MAPPED');
    expect(other.state.lastError?.message).toContain('bruno@elsewhere.example');
    const callId = offerCall(dialer, 'a2', { number: '+34612345678' });
    await popOf(other, callId);
    dialer.emit('a2', 'CallEnded', { callId, cause: 'no_answer', talkSeconds: 0 });
    await other.waitFor((e) => e.type === 'call.ended');
    await outbox().round();
    const [task] = await org.query(`SELECT Owner.Username FROM Task WHERE CallObject = '${callId}'`);
    expect(task).toMatchObject({ Owner: { Username: SF_DEMO.integrationUser } });
  });
});
