import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCallCenterXml } from '@puente/crm';
import { Client } from 'pg';
import { EmulatorProcess, freePort } from '../../testing/emulator-process';
import { FakeCrm } from '../../testing/fake-crm';
import { GatewayHarness, type PanelClient, TEST_IVR_KEY } from '../../testing/gateway-harness';
import { TcpGate } from '../../testing/tcp-gate';
import { CRM } from '../crm/crm.port';
import { OutboxWorker } from '../crm/outbox/outbox.worker';
import { INBOUND_OPTIONS, MissedCallsService } from './missed-calls.service';

/**
 * Issue 6 §5-§6 end to end: the built dialer emulator (own process, PGlite on
 * a PostgreSQL socket) runs its IVR through the real gateway's signed
 * /api/v1/ivr/contacts (DIALER_IVR=http), queues the caller with CLAVESF, the
 * gateway offers the call to a logged-in agent and the screen pop searches by
 * the key; blacklisted callers are refused; a missed call becomes ONE Task
 * for the queue's responsible user, also across a gateway restart.
 * The emulator must know the IVR URL before the gateway has a port, so the
 * IVR goes through a TcpGate on a port picked in advance.
 */
jest.setTimeout(90_000);

const SUPER01_SF_ID = '005000000000001AAA';

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 10_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('inbound calls through the emulator IVR and the real gateway', () => {
  let dialer: EmulatorProcess;
  let dialerGate: TcpGate;
  let ivrGate: TcpGate;
  const ivrTarget = { host: '127.0.0.1', port: 0 };
  let gw: GatewayHarness;
  let panel: PanelClient;
  let db: Client;
  let token = '';
  const crm = new FakeCrm();
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-inbound-'));
  const callCenter = join(mkdtempSync(join(tmpdir(), 'cc-')), 'callcenter.xml');
  writeFileSync(callCenter, generateCallCenterXml({ '/puenteOptions/keyFields': 'Clave_1__c' }));
  const known = crm.add('Contact', { Name: 'Ana Conocida', Clave_1__c: '+541155551234' });
  crm.users.set('supervisor1@puente.demo', SUPER01_SF_ID);

  const startGateway = async () => {
    const harness = await new GatewayHarness({
      dialerUrl: dialerGate.url,
      dataDir,
      env: { CONTACT_DB_URL: dialer.contactDbUrl, CALL_CENTER_FILE: callCenter },
      overrides: [
        { token: CRM, value: crm },
        // The test reads missed calls itself (poll()), so nothing races it.
        { token: INBOUND_OPTIONS, value: { missedCallsPollMs: 600_000 } },
      ],
    }).start();
    ivrTarget.port = Number(new URL(harness.url.replace('[::1]', '127.0.0.1')).port);
    return harness;
  };
  const place = (body: Record<string, unknown>) => dialer.operator('POST', '/operator/inbound', body);
  const contactRow = async (id: string) =>
    (await db.query('SELECT id::text, clave_1, phone, database_id::text FROM contacts WHERE id = $1', [id]))
      .rows[0];
  const missedTasks = () => crm.tasks.filter((t) => String(t['CallObject']).startsWith('missed-'));

  beforeAll(async () => {
    ivrGate = new TcpGate(ivrTarget);
    ivrGate.port = await freePort();
    await ivrGate.open();
    dialer = await new EmulatorProcess({
      DIALER_SPEED: '0',
      DIALER_DEMO_CONTACTS: '300',
      DIALER_INBOUND_PER_HOUR: '0',
      DIALER_IVR: 'http',
      DIALER_IVR_URL: `${ivrGate.url}/api/v1/ivr/contacts`,
      DIALER_IVR_KEY_ID: TEST_IVR_KEY.id,
      DIALER_IVR_SECRET: TEST_IVR_KEY.secret,
    }).start();
    await dialer.operator('PUT', '/operator/rates', {
      customersHangUp: false,
      queuePatienceSecondsMean: 36000,
      agentAnswerSeconds: 5,
    });
    dialerGate = await new TcpGate({ host: '127.0.0.1', port: Number(new URL(dialer.url).port) }).open();
    gw = await startGateway();
    db = new Client({ connectionString: dialer.contactDbUrl });
    await db.connect();
    token = (await gw.login('agent10', 'puente', '1010')).accessToken;
    panel = await gw.panel(token);
    await gw.request('POST', '/api/v1/agent/ready', { token });
    await until('agent10 available', async () => (await dialer.agent('agent10'))?.state === 'available');
  });

  afterAll(async () => {
    await db?.end();
    await gw?.stop();
    await ivrGate?.cut();
    await dialerGate?.cut();
    await dialer?.stop();
  });

  /** The agent answers (auto-answer), the caller hangs up, the agent releases and presses Play. */
  async function finishCall(callId: string, contactId: string): Promise<void> {
    await dialer.advance(6);
    await dialer.operator('POST', `/operator/calls/${callId}/hangup`);
    await panel.waitForState((s) => s.activity === 'wrap_up');
    await gw.request('POST', `/api/v1/contacts/${contactId}/release`, { token });
    await gw.request('POST', '/api/v1/agent/ready', { token });
    await until('agent10 free', async () => {
      const a = await dialer.agent('agent10');
      return a?.state === 'available' && !a.callId;
    });
  }

  it('a known caller: the IVR inserts through the gateway, the offer carries the key, the pop finds the record', async () => {
    const placed = await place({ number: '+541155551234', queueId: '1' });
    expect(placed.clavesf).toBe(`${placed.contactId}-+541155551234`);
    expect(await contactRow(placed.contactId)).toMatchObject({ clave_1: '+541155551234', database_id: '31' });
    const offered = await panel.waitFor(
      (e) => e.type === 'call.offered' && e.payload.callId === placed.callId,
    );
    expect(offered.type === 'call.offered' && offered.payload.contact).toMatchObject({
      crmKey: '+541155551234',
    });
    const pop = await panel.waitFor((e) => e.type === 'crm.pop' && e.payload.callId === placed.callId);
    expect(pop.payload).toMatchObject({
      searchBy: 'Clave_1__c',
      searchData: '+541155551234',
      decision: { type: 'record', recordId: known },
    });
    await finishCall(placed.callId, placed.contactId);
  });

  it('empty data ("idContacto-") and a private caller: a contact anyway, no search, the no-match layout', async () => {
    const spies = [
      jest.spyOn(crm, 'findByField'),
      jest.spyOn(crm, 'findByPhone'),
      jest.spyOn(crm, 'findByIds'),
    ];
    // Caller searches only: the call journal looks up neoSyncId__c to link a finished call's Task (C4).
    const searches = () =>
      spies.flatMap((spy) => spy.mock.calls as unknown[][]).filter((args) => args[0] !== 'neoSyncId__c');
    const empty = await place({ number: '+541155552222', queueId: '2', data: '' });
    expect(empty.clavesf).toBe(`${empty.contactId}-`);
    expect(await contactRow(empty.contactId)).toMatchObject({
      clave_1: empty.contactId,
      phone: '+541155552222',
    });
    const pop = await panel.waitFor((e) => e.type === 'crm.pop' && e.payload.callId === empty.callId);
    // No search at all; the inbound no-match layout (default: a new Contact) applies (C2).
    expect(pop.payload).toMatchObject({
      searchBy: null,
      decision: { type: 'new_record', objectType: 'Contact' },
      matches: 0,
    });
    expect(searches()).toEqual([]);
    await finishCall(empty.callId, empty.contactId);

    const hidden = await place({ number: 'anonymous', queueId: '1' });
    expect(hidden.clavesf).toBe(`${hidden.contactId}-`);
    expect(await contactRow(hidden.contactId)).toMatchObject({ phone: '' });
    const hiddenPop = await panel.waitFor((e) => e.type === 'crm.pop' && e.payload.callId === hidden.callId);
    expect(hiddenPop.payload).toMatchObject({ searchBy: null, decision: { type: 'new_record' } });
    expect(searches()).toEqual([]);
    for (const spy of spies) spy.mockRestore();
    await finishCall(hidden.callId, hidden.contactId);
  });

  it('a blacklisted number is refused by the IVR: no contact, no offer', async () => {
    const before = Number((await db.query('SELECT count(*) FROM contacts')).rows[0].count);
    const refused = await place({ number: '+5491155550666', queueId: '1' });
    expect(refused).toMatchObject({ refused: 'reject', clavesf: null, contactId: null });
    expect(Number((await db.query('SELECT count(*) FROM contacts')).rows[0].count)).toBe(before);
    await dialer.advance(2);
    expect(panel.events.some((e) => e.type === 'call.offered' && e.payload.callId === refused.callId)).toBe(
      false,
    );
  });

  it('a missed call is ONE Task for the responsible user, never per ringing agent, and survives a restart', async () => {
    const placed = await place({ number: '+541155553333', queueId: '1' });
    // agent10's phone rings (5 s to answer): the caller hangs up first.
    await panel.waitFor((e) => e.type === 'call.offered' && e.payload.callId === placed.callId);
    await dialer.operator('POST', `/operator/calls/${placed.callId}/hangup`);
    const missed = gw.app.get(MissedCallsService);
    const outbox = gw.app.get(OutboxWorker);
    expect(await missed.poll()).toBe(1);
    await outbox.round();
    expect(missedTasks()).toEqual([
      expect.objectContaining({
        CallObject: `missed-${placed.callId}`,
        Subject: 'Missed call from +541155553333',
        Status: 'Not Started',
        OwnerId: SUPER01_SF_ID,
      }),
    ]);
    // Reading again, and a restarted gateway (its cursor is in its database), add nothing.
    expect(await missed.poll()).toBe(0);
    await gw.stop();
    gw = await startGateway();
    await gw.login('agent10', 'puente', '1010');
    expect(await gw.app.get(MissedCallsService).poll()).toBe(0);
    await gw.app.get(OutboxWorker).round();
    expect(missedTasks()).toHaveLength(1);
  });

  it('with the IVR endpoint unreachable the caller still reaches the queue, without a contact', async () => {
    await ivrGate.cut();
    const placed = await place({ number: '+541155554444', queueId: '1' });
    expect(placed).toMatchObject({ clavesf: null, contactId: null, refused: null });
  });
});
