import type { AgentEvent } from '@puente/contracts';
import { EmulatorProcess } from '../../testing/emulator-process';
import { GatewayHarness, type PanelClient } from '../../testing/gateway-harness';
import { perfect, seqReport, tally, until } from '../../testing/ledger';
import { SalesforceOrg } from '../../testing/salesforce-org';
import { OutboxWorker } from '../crm/outbox/outbox.worker';

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
  const eventsOf = (callId: string, ...types: AgentEvent['type'][]) =>
    panel.events.filter(
      (e) => types.includes(e.type) && (e.payload as { callId?: string }).callId === callId,
    );

  beforeAll(async () => {
    dialer = new EmulatorProcess({
      DIALER_SPEED: '0',
      DIALER_DEMO_CONTACTS: '300',
      DIALER_INBOUND_PER_HOUR: '0',
    });
    org = new SalesforceOrg();
    await Promise.all([dialer.start(180_000), org.start()]);
    await dialer.operator('PUT', '/operator/rates', {
      answerProbability: 0,
      busyProbability: 0,
      failedProbability: 0,
      noAnswerSeconds: 120,
      customersHangUp: false,
      agentAnswerSeconds: 0,
      queuePatienceSecondsMean: 36000,
    });
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
      const found = await org.query(`SELECT Id, Description FROM Task WHERE CallObject = '${call.callId}'`);
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
});
