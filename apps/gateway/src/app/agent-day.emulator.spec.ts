import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCallCenterXml } from '@puente/crm';
import { EmulatorProcess } from '../testing/emulator-process';
import { FakeCrm } from '../testing/fake-crm';
import { GatewayHarness, type PanelClient } from '../testing/gateway-harness';
import { TcpGate } from '../testing/tcp-gate';
import { CRM } from './crm/crm.port';

/**
 * Issue 4's "done when": a whole agent day over real HTTP and socket.io,
 * through the real gateway, against the real dialer emulator (built, in its
 * own process, with its PGlite database on a PostgreSQL socket the gateway
 * reads as CONTACT_DB_URL). The emulator's clock is frozen (DIALER_SPEED=0):
 * customers answer when the test says so, and time moves only by the
 * operator endpoint. Each step asserts on what the panel would show (the
 * shared reducer folded by PanelClient) and on what the dialer says (/state).
 * The steps share one day, so they run in order and depend on each other.
 */
jest.setTimeout(60_000);

const USER = 'agent01';
const PASSWORD = 'puente';

function callCenterFile(overrides: Record<string, string>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'cc-')), 'callcenter.xml');
  writeFileSync(file, generateCallCenterXml(overrides));
  return file;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 10_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('an agent day through the real gateway and the dialer emulator', () => {
  let dialer: EmulatorProcess;
  let gate: TcpGate;
  let gw: GatewayHarness;
  let panel: PanelClient;
  let token: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-day-'));
  const crm = new FakeCrm();
  /** The predictive call's customer, called back by hand later. */
  let customer = { contactId: '', phone: '' };

  const gateway = (env: Record<string, string> = {}) =>
    new GatewayHarness({
      dialerUrl: gate.url,
      dataDir,
      env: { CONTACT_DB_URL: dialer.contactDbUrl, HEALTH_PROBE_INTERVAL_MS: '200', ...env },
      // Salesforce is not this test's subject (screen-pop.spec.ts is): an empty org answers.
      overrides: [{ token: CRM, value: crm }],
    }).start();
  const post = (path: string, body?: unknown, key?: string) => gw.request('POST', path, { token, body, key });
  const ok = async (path: string, body?: unknown, key?: string) => {
    const res = await post(path, body, key);
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const callId = () => panel.state.call?.callId ?? '';

  beforeAll(async () => {
    dialer = await new EmulatorProcess({
      DIALER_SPEED: '0',
      DIALER_DEMO_CONTACTS: '300',
      DIALER_INBOUND_PER_HOUR: '0',
    }).start();
    // Customers neither answer nor hang up by themselves: the test decides (operator endpoints).
    await dialer.operator('PUT', '/operator/rates', {
      answerProbability: 0,
      busyProbability: 0,
      failedProbability: 0,
      noAnswerSeconds: 120,
      customersHangUp: false,
      agentAnswerSeconds: 0,
    });
    gate = await new TcpGate({ host: '127.0.0.1', port: Number(new URL(dialer.url).port) }).open();
    gw = await gateway();
  });

  afterAll(async () => {
    await gw?.stop();
    await gate?.cut();
    await dialer?.stop();
  });

  it('logs in (Login) and the panel sees the session', async () => {
    const session = await gw.login(USER, PASSWORD, '1001');
    token = session.accessToken;
    panel = await gw.panel(token);
    await panel.waitForState((s) => s.session?.user === USER && s.activity === 'idle');
    expect(await dialer.agent(USER)).toMatchObject({ device: '1001', state: 'idle' });
  });

  it('joins the predictive campaign', async () => {
    const campaigns = await gw.request('GET', '/api/v1/campaigns', { token });
    expect(campaigns.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: '1', dialerMode: 'predictive' })]),
    );
    await ok('/api/v1/campaigns/1/join');
    await panel.waitForState((s) => s.campaign?.id === '1' && s.activity === 'available');
    expect(await dialer.agent(USER)).toMatchObject({ campaignId: '1', state: 'available' });
  });

  it('pauses with a break state and unpauses', async () => {
    const breaks = (await gw.request('GET', '/api/v1/break-states', { token })).body.items;
    const rest = breaks.find((b: { name: string }) => b.name.includes('Descanso'));
    await ok('/api/v1/agent/pause', { breakStateId: rest.id });
    await panel.waitForState((s) => s.activity === 'paused' && s.breakState?.id === rest.id);
    expect(await dialer.agent(USER)).toMatchObject({ state: 'paused' });
    await ok('/api/v1/agent/unpause');
    await panel.waitForState((s) => s.activity === 'available' && s.breakState === null);
    expect(await dialer.agent(USER)).toMatchObject({ state: 'available' });
  });

  it('gets a predictive call when a customer answers', async () => {
    // The pacer dials on its ticks; pick one ringing line and make that customer answer.
    const line = await until('a predictive line', async () => {
      await dialer.advance(2);
      const calls = (await dialer.state()).calls as { callId: string; state: string; campaignId: string }[];
      return calls.find((c) => c.campaignId === '1' && c.state === 'ringing');
    });
    await dialer.operator('POST', `/operator/calls/${line.callId}/answer`);
    const s = await panel.waitForState(
      (st) => st.call?.callId === line.callId && st.call.status === 'talking',
    );
    expect(s.call).toMatchObject({ direction: 'outbound', dialerMode: 'predictive', campaignId: '1' });
    expect(s.contact).toMatchObject({ lastCallId: line.callId, campaignId: '1' });
    expect(s.contact?.contactId).toBeTruthy();
    customer = { contactId: s.contact?.contactId ?? '', phone: s.contact?.phoneNumber ?? '' };
    expect(await dialer.agent(USER)).toMatchObject({ state: 'talking', callId: line.callId });
  });

  it('holds and resumes, sends DTMF', async () => {
    await ok(`/api/v1/calls/${callId()}/hold`);
    await panel.waitForState((s) => s.call?.status === 'on_hold' && s.call.heldSince !== null);
    const held = (await dialer.state()).calls.find((c: { callId: string }) => c.callId === callId());
    expect(held.state).toBe('on_hold');
    await ok(`/api/v1/calls/${callId()}/unhold`);
    await panel.waitForState((s) => s.call?.status === 'talking' && s.call.heldSince === null);
    await ok(`/api/v1/calls/${callId()}/dtmf`, { digits: '12#' });
    await panel.waitForState((s) => s.call?.dtmf === '12#');
    const call = (await dialer.state()).calls.find((c: { callId: string }) => c.callId === callId());
    expect(call).toMatchObject({ state: 'talking', dtmf: '12#' });
  });

  it('a panel that reconnects gets exactly the events it missed', async () => {
    const lastSeq = panel.state.seq;
    const before = panel.state;
    panel.socket.close();
    await ok(`/api/v1/calls/${callId()}/hold`);
    await ok(`/api/v1/calls/${callId()}/unhold`);
    panel = await gw.panel(token, 0, before.agentId);
    panel.state = before;
    const replay = await panel.resume(lastSeq);
    expect(replay.mode).toBe('replay');
    const types = replay.mode === 'replay' ? replay.events.map((e) => e.type) : [];
    expect(types).toEqual(['call.held', 'call.resumed']);
    expect(replay.mode === 'replay' && replay.events[0]?.seq).toBe(lastSeq + 1);
  });

  it('starts an attended transfer to a number and ends it (back to the customer)', async () => {
    await ok(`/api/v1/calls/${callId()}/transfer`, {
      target: { kind: 'number', id: '+541155559999' },
      mode: 'attended',
    });
    await panel.waitForState((s) => s.call?.transfer?.mode === 'attended');
    expect((await dialer.state()).calls.find((c: { callId: string }) => c.callId === callId()).state).toBe(
      'transferring',
    );
    await dialer.advance(5); // the third party answers the consultation
    await ok(`/api/v1/calls/${callId()}/transfer/end`);
    await panel.waitForState((s) => s.call?.transfer === null && s.call.status === 'talking');
    expect(await dialer.agent(USER)).toMatchObject({ state: 'talking' });
  });

  it('holds a conference with an external number and ends it with KickAll', async () => {
    await ok(`/api/v1/calls/${callId()}/conference`);
    await ok(`/api/v1/calls/${callId()}/conference/participants`, {
      target: { kind: 'number', id: '+34911234567' },
    });
    const s = await panel.waitForState((st) => (st.call?.conference?.participants.length ?? 0) === 1);
    expect(s.call?.status).toBe('in_conference');
    expect(s.call?.conference?.participants[0]).toMatchObject({ kind: 'number', address: '+34911234567' });
    await ok(`/api/v1/calls/${callId()}/conference/kick-all`);
    await panel.waitForState((st) => st.call?.conference === null && st.call.status === 'talking');
  });

  it('hangs up, categorises with category and subcategory (UpdateContact) and goes ready', async () => {
    const id = callId();
    await ok(`/api/v1/calls/${id}/hangup`);
    const s = await panel.waitForState((st) => st.call?.status === 'ended' && st.activity === 'wrap_up');
    expect(s.contact?.lastCallId).toBe('0');
    expect(await dialer.agent(USER)).toMatchObject({ state: 'wrap_up' });
    const categories = (await gw.request('GET', `/api/v1/crms/${s.contact?.crmId}/categories`, { token }))
      .body.items as { id: string; schedules: boolean; subcategories: { id: string }[] }[];
    const category = categories.find((c) => !c.schedules && c.subcategories.length > 0);
    expect(category).toBeDefined();
    const contactId = s.contact?.contactId ?? '';
    await ok(`/api/v1/contacts/${contactId}/categorize`, {
      categoryId: category?.id,
      subcategoryId: category?.subcategories[0]?.id,
      note: 'interesado',
    });
    await panel.waitForState((st) => st.contact === null);
    expect(await dialer.agent(USER)).toMatchObject({ contactId: null });
    await ok('/api/v1/agent/ready');
    await panel.waitForState((st) => st.activity === 'available' && st.call === null);
    expect(await dialer.agent(USER)).toMatchObject({ state: 'available' });
  });

  it('dials by hand from a break, once for a retried request, and schedules a callback', async () => {
    const breaks = (await gw.request('GET', '/api/v1/break-states', { token })).body.items;
    await ok('/api/v1/agent/pause', { breakStateId: breaks[0].id });
    await panel.waitForState((s) => s.activity === 'paused');
    const dial = { number: customer.phone, contactId: customer.contactId, note: 'pidió que lo llamen' };
    const first = await ok('/api/v1/calls', dial, 'day-manual-dial-1');
    const retry = await post('/api/v1/calls', dial, 'day-manual-dial-1');
    expect(retry.body).toEqual(first);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const dialed = (await dialer.state()).calls.filter(
      (c: { dialerMode: string; agentId: string }) =>
        c.dialerMode === 'manual' && c.agentId === panel.state.agentId,
    );
    expect(dialed).toHaveLength(1);
    await dialer.operator('POST', `/operator/calls/${first.callId}/answer`);
    const s = await panel.waitForState(
      (st) => st.call?.callId === first.callId && st.call?.status === 'talking',
    );
    expect(s.call).toMatchObject({ direction: 'outbound', dialerMode: 'manual' });
    expect(s.contact?.contactId).toBe(customer.contactId);
    await ok(`/api/v1/calls/${first.callId}/hangup`);
    const ended = await panel.waitForState((st) => st.call?.status === 'ended' && st.contact !== null);
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const scheduled = await ok(`/api/v1/contacts/${ended.contact?.contactId}/schedule`, {
      at,
      personal: true,
    });
    expect(scheduled).toMatchObject({ scheduleId: expect.any(String) });
    await panel.waitForState((st) => st.contact === null && st.activity === 'paused');
    expect(await dialer.agent(USER)).toMatchObject({ state: 'paused', contactId: null });
    await ok('/api/v1/agent/unpause');
    await panel.waitForState((st) => st.activity === 'available');
  });

  it('takes an inbound call; a gateway restart mid-call keeps the agent on the dialer and resumes events; the contact is released automatically', async () => {
    const inbound = await dialer.operator('POST', '/operator/inbound', {
      number: '+541144443333',
      queueId: '1',
    });
    await until('the inbound call answered', async () => {
      await dialer.advance(1);
      return panel.state.call?.callId === inbound.callId && panel.state.call?.status === 'talking';
    });
    expect(panel.state.call).toMatchObject({ direction: 'inbound', queueId: '1' });
    const lastSeq = panel.state.seq;
    const before = panel.state;

    await gw.stop();
    // While the gateway is down the customer hangs up: the dialer still has the agent.
    await dialer.operator('POST', `/operator/calls/${inbound.callId}/hangup`);
    expect(await dialer.agent(USER)).toMatchObject({ state: 'wrap_up', device: '1001' });
    gw = await gateway({
      CALL_CENTER_FILE: callCenterFile({ '/neotelConfigOptions/automaticContactRelease': '1' }),
    });
    panel = await gw.panel(token, 0, before.agentId);
    panel.state = before;
    const resumed = await panel.resume(lastSeq);
    expect(resumed.mode).toBe('replay');
    await panel.waitForState((s) => s.call?.status === 'ended' && s.activity === 'wrap_up');
    expect(panel.events.some((e) => e.type === 'call.ended' && e.payload.callId === inbound.callId)).toBe(
      true,
    );

    const auto = await panel.waitFor((e) => e.type === 'contact.auto_release' && e.payload.at !== null);
    expect(auto.type).toBe('contact.auto_release');
    // One second after the gateway learnt of the hang-up, whatever the dialer's clock says (it runs
    // ahead here: the test advanced it).
    await panel.waitForState((s) => s.contact === null, 4000);
    expect(await dialer.agent(USER)).toMatchObject({ contactId: null });
    await ok('/api/v1/agent/ready');
    await panel.waitForState((s) => s.activity === 'available');
  });

  it('a second login elsewhere replaces the first', async () => {
    const old = { panel, token };
    const second = await gw.login(USER, PASSWORD, '1002');
    await until('the old panel told', async () => old.panel.ended);
    expect(old.panel.ended).toBe('replaced');
    expect((await gw.request('GET', '/api/v1/agent/state', { token: old.token })).status).toBe(401);
    token = second.accessToken;
    panel = await gw.panel(token);
    await panel.waitForState((s) => s.session?.device === '1002');
    expect(await dialer.agent(USER)).toMatchObject({ device: '1002' });
  });

  it('fails fast with DIALER_UNAVAILABLE while the dialer is down, tells the panel, and recovers', async () => {
    await gate.cut();
    const started = Date.now();
    const refused = await post('/api/v1/agent/unavailable');
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('DIALER_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(1500);
    await panel.waitForState((s) => s.dialerStatus === 'down', 8000);
    const fast = Date.now();
    expect((await post('/api/v1/agent/unavailable')).body.code).toBe('DIALER_UNAVAILABLE');
    expect(Date.now() - fast).toBeLessThan(200);

    await gate.open();
    await panel.waitForState((s) => s.dialerStatus === 'up', 10_000);
    const breaks = (await gw.request('GET', '/api/v1/break-states', { token })).body.items;
    await until('commands accepted again', async () => {
      const res = await post('/api/v1/agent/pause', { breakStateId: breaks[0].id });
      return res.status < 300;
    });
    await panel.waitForState((s) => s.activity === 'paused');
    expect(await dialer.agent(USER)).toMatchObject({ state: 'paused', device: '1002' });
  });

  it('logs out (Logout) of the dialer', async () => {
    const res = await gw.request('DELETE', '/api/v1/sessions/current', { token });
    expect(res.status).toBeLessThan(300);
    await until('the dialer logged the agent out', async () => (await dialer.agent(USER)) === undefined);
  });
});
