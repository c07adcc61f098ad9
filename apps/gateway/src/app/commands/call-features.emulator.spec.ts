import type { AgentEvent, HelpRequest } from '@puente/contracts';
import { defaultSoftphoneLayout, flattenCallCenter, generateCallCenterXml } from '@puente/crm';
import { EmulatorProcess } from '../../testing/emulator-process';
import { GatewayHarness, type PanelClient } from '../../testing/gateway-harness';
import { perfect, seqReport, tally, until } from '../../testing/ledger';
import { SalesforceOrg } from '../../testing/salesforce-org';
import { OutboxWorker } from '../crm/outbox/outbox.worker';
import { BoardClient } from '../supervision/supervision.fixture';

/**
 * Issue 16 §3, what agents expect on a call, end to end against the real
 * processes (the built dialer emulator with a frozen clock, the Salesforce
 * emulator, the gateway in process): the recording link on the call's Task,
 * and Mute — asserted where they land: the org's Tasks by CallObject, the
 * dialer's audio matrix, the panel's event stream by seq.
 */
jest.setTimeout(240_000);

interface Audio {
  hears: Record<string, string[]>;
}

interface DialerCall {
  callId: string;
  recordingPaused: boolean;
}

describe('what agents expect on a call (issue 16 §3)', () => {
  let dialer: EmulatorProcess;
  let org: SalesforceOrg;
  let gw: GatewayHarness;
  let panel: PanelClient;
  let token = '';

  const post = (path: string, key?: string, body?: unknown) =>
    gw.request('POST', path, { token, body, ...(key ? { key } : {}) });
  const ok = async (path: string, body?: unknown) => {
    const res = await post(path, undefined, body);
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const audio = async (callId: string) =>
    (await dialer.operator('GET', `/operator/calls/${callId}/audio`)) as unknown as Audio;
  /** An inbound call the agent is talking on. */
  const talking = async (number: string) => {
    if (panel.state.activity !== 'available') await ok('/api/v1/agent/ready');
    await panel.waitForState((s) => s.activity === 'available');
    const placed = await dialer.operator('POST', '/operator/inbound', { number, queueId: '1' });
    await dialer.advance(1);
    await panel.waitForState((s) => s.call?.callId === placed.callId && s.call?.status === 'talking');
    return { callId: String(placed.callId), contactId: String(placed.contactId) };
  };
  const endAndRelease = async (call: { callId: string; contactId: string }) => {
    await ok(`/api/v1/calls/${call.callId}/hangup`);
    await panel.waitForState((s) => s.activity === 'wrap_up');
    await ok(`/api/v1/contacts/${call.contactId}/release`, { callId: call.callId });
    await panel.waitForState((s) => s.contact === null);
  };
  const dialerCall = async (callId: string) =>
    ((await dialer.state()).calls as DialerCall[]).find((c) => c.callId === callId);
  const eventsOf = (callId: string, ...types: AgentEvent['type'][]) =>
    panel.events.filter(
      (e) => types.includes(e.type) && (e.payload as { callId?: string }).callId === callId,
    );

  beforeAll(async () => {
    dialer = EmulatorProcess.frozen(300);
    org = new SalesforceOrg();
    await Promise.all([dialer.start(180_000), org.start()]);
    await dialer.customersWaitForOperator();
    gw = await new GatewayHarness({
      dialerUrl: dialer.url,
      salesforceUrl: org.url,
      env: { CONTACT_DB_URL: dialer.contactDbUrl },
    }).start();
    token = (await gw.login('agent01', 'puente', '1001')).accessToken;
    panel = await gw.panel(token);
  });

  afterAll(async () => {
    await gw?.stop();
    await Promise.all([dialer?.stop(), org?.stop()]);
  });

  it("C16: the call's Task carries the dialer's recording link, by default", async () => {
    const call = await talking('+541155557001');
    const link = panel.state.call?.recordingUrl;
    expect(link).toMatch(new RegExp(`/recordings/${call.callId}$`));
    await endAndRelease(call);

    const tasks = await until(`the Task of call ${call.callId}`, async () => {
      await gw.app.get(OutboxWorker).round();
      const callObject = await dialer.callObjectOf(call.callId);
      const found = await org.query(`SELECT Id, Description FROM Task WHERE CallObject = '${callObject}'`);
      return found.length > 0 ? found : null;
    });
    expect(tasks).toHaveLength(1);
    expect(String(tasks[0]['Description']).split('\n')).toContain(`Recording: ${link}`);
    // The link answers: the emulator stands a page where the recording would be.
    const page = await fetch(String(link));
    expect(page.status).toBe(200);
  });

  it('Mute: the customer no longer hears the agent; a retried command mutes once; the panel hears of it once', async () => {
    const call = await talking('+541155557002');
    expect((await audio(call.callId)).hears['customer']).toEqual(['agent:agent01']);

    // The panel retries with the same Idempotency-Key (a lost answer): one Mute reaches the dialer.
    const first = await post(`/api/v1/calls/${call.callId}/mute`, 'mute-key-1');
    const again = await post(`/api/v1/calls/${call.callId}/mute`, 'mute-key-1');
    expect([first.status, again.status]).toEqual([200, 200]);
    await panel.waitForState((s) => s.call?.muted === true);
    expect((await audio(call.callId)).hears['customer']).toEqual([]);
    expect((await audio(call.callId)).hears['agent:agent01']).toEqual(['customer']);
    // A second Mute with a new key is refused clearly, not a 500.
    const twice = await post(`/api/v1/calls/${call.callId}/mute`, 'mute-key-2');
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('INVALID_STATE');

    await post(`/api/v1/calls/${call.callId}/unmute`, 'unmute-key-1');
    await panel.waitForState((s) => s.call?.muted === false);
    expect((await audio(call.callId)).hears['customer']).toEqual(['agent:agent01']);

    const seen = eventsOf(call.callId, 'call.muted', 'call.unmuted');
    expect(
      tally(
        ['call.muted', 'call.unmuted'],
        seen.map((e) => e.type),
      ),
    ).toEqual(perfect(2));
    expect(seqReport(panel.events)).toMatchObject({ gaps: [], repeats: [] });
    await endAndRelease(call);
  });

  it('ExecuteTask02/03: pausing and resuming the recording reach the dialer and the panel, once each', async () => {
    const call = await talking('+541155557003');
    const pause = await post('/api/v1/tasks/02', 'rec-pause-1', { callId: call.callId });
    expect(pause.status).toBe(200);
    // The same key again (a retry): answered from the first, the dialer is not asked twice.
    expect((await post('/api/v1/tasks/02', 'rec-pause-1', { callId: call.callId })).status).toBe(200);
    expect((await dialerCall(call.callId))?.recordingPaused).toBe(true);
    await panel.waitForState((s) => s.call?.recordingPaused === true);
    // Paused twice by mistake (a new key): a clear refusal.
    expect((await post('/api/v1/tasks/02', 'rec-pause-2', { callId: call.callId })).body.code).toBe(
      'INVALID_STATE',
    );
    await post('/api/v1/tasks/03', 'rec-resume-1', { callId: call.callId });
    expect((await dialerCall(call.callId))?.recordingPaused).toBe(false);
    await panel.waitForState((s) => s.call?.recordingPaused === false);
    expect(
      eventsOf(call.callId, 'call.recording').map((e) => (e.payload as { paused: boolean }).paused),
    ).toEqual([true, false]);
    await endAndRelease(call);
  });

  it('ExecuteTask05: the board flags the agent, supervisors are notified once, and a supervisor joining answers it', async () => {
    const admin = (await gw.login('admin', 'puente', '1023')).accessToken;
    const board = await BoardClient.connect(gw, admin);
    const notices: HelpRequest[] = [];
    board.socket.on('help.requested', (r: HelpRequest) => notices.push(r));
    try {
      const call = await talking('+541155557004');
      const reason = 'Pide hablar con un supervisor';
      expect(
        (await post('/api/v1/tasks/05', 'help-key-1', { callId: call.callId, params: { reason } })).status,
      ).toBe(200);
      expect(
        (await post('/api/v1/tasks/05', 'help-key-1', { callId: call.callId, params: { reason } })).status,
      ).toBe(200);
      const row = await board.waitForRow('1', (r) => !!r.help);
      expect(row.help).toMatchObject({ reason });
      await until('the notification', () => notices.length > 0);
      expect(notices).toEqual([
        expect.objectContaining({ agentId: '1', user: 'agent01', callId: call.callId, reason }),
      ]);

      // The supervisor listens in: the request is answered, the flag goes.
      const listen = await gw.request('POST', '/api/v1/supervision/agents/1/monitor', {
        token: admin,
        body: { mode: 'listen' },
      });
      expect(listen.status).toBe(200);
      await board.waitForRow('1', (r) => !r.help && !!r.monitoredBy);
      await gw.request('POST', '/api/v1/supervision/monitor/end', { token: admin, body: {} });
      expect(notices).toHaveLength(1);
      await endAndRelease(call);
    } finally {
      board.close();
    }
  });

  it('ExecuteTask01: a text message only with allowTextMessage, its [Variables] filled, logged once as a Task', async () => {
    const call = await talking('+541155557005');
    const body = {
      callId: call.callId,
      params: { channel: 'whatsapp', text: 'Hola, le escribe [Agent] por la llamada [CallId].' },
    };
    // allowTextMessage is false in the seed's Call Center: refused clearly.
    const off = await post('/api/v1/tasks/01', 'msg-key-0', body);
    expect([off.status, off.body.code]).toEqual([403, 'FORBIDDEN']);

    const on = await gw.request('PUT', '/api/v1/session/salesforce-settings', {
      token,
      body: {
        callCenter: flattenCallCenter(
          generateCallCenterXml({ '/neotelConfigOptions/allowTextMessage': 'true' }),
        ),
        softphoneLayout: defaultSoftphoneLayout(),
      },
    });
    expect(on.status).toBe(200);
    const sent = await post('/api/v1/tasks/01', 'msg-key-1', body);
    expect(sent.status).toBe(200);
    expect(sent.body.result).toMatchObject({ status: 'sent', channel: 'whatsapp', number: '+541155557005' });
    // A retry of the same action: no second message, no second Task.
    expect((await post('/api/v1/tasks/01', 'msg-key-1', body)).body).toEqual(sent.body);

    const tasks = await until('the message Task', async () => {
      await gw.app.get(OutboxWorker).round();
      const found = await org.query(
        "SELECT Id, Subject, Description, CallObject FROM Task WHERE Subject LIKE 'WhatsApp to %'",
      );
      return found.length > 0 ? found : null;
    });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ Subject: 'WhatsApp to +541155557005' });
    expect(String(tasks[0]['Description'])).toContain(
      `Hola, le escribe Agente 01 por la llamada ${call.callId}.`,
    );
    await endAndRelease(call);
  });
});
