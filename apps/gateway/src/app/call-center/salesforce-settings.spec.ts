import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentEvent, PanelConfig, SalesforceSettings } from '@puente/contracts';
import { defaultSoftphoneLayout, flattenCallCenter, generateCallCenterXml } from '@puente/crm';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { FakeCrm } from '../../testing/fake-crm';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness, type PanelClient } from '../../testing/gateway-harness';
import { CRM } from '../crm/crm.port';

type Pop = Extract<AgentEvent, { type: 'crm.pop' }>;

let callSeq = 0;
function offerOutbound(dialer: FakeNeoApiServer, number = '+541155551234'): string {
  const callId = `sf-call-${++callSeq}`;
  dialer.emit('a1', 'CallOffered', {
    call: {
      callId,
      direction: 'outbound',
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
      crmKey: '',
      phoneNumber: number,
      callCampaing: '97',
      callDialer: 'progressive',
      callId,
      callQueue: '',
      callReason: 'No procesado',
      campaignCrmId: '3',
      campaignBaseId: '12',
      userOutCampaign: '97',
      fields: {},
    },
  });
  return callId;
}

/** What a panel inside Salesforce reads through Open CTI, with these Call Center items changed in the org. */
function fromOrg(items: Record<string, string>, layout = defaultSoftphoneLayout()): SalesforceSettings {
  return { callCenter: flattenCallCenter(generateCallCenterXml(items)), softphoneLayout: layout };
}

describe('settings from Salesforce per session (issue 17 §2)', () => {
  let dialer: FakeNeoApiServer;
  let crm: FakeCrm;
  let gw: GatewayHarness;
  let panel: PanelClient;
  let token: string;

  beforeEach(async () => {
    dialer = await startFakeDialer();
    crm = new FakeCrm();
    // The gateway's own file: no searchTypePriority, records opened on a single match.
    const file = join(mkdtempSync(join(tmpdir(), 'cc-')), 'callcenter.xml');
    writeFileSync(file, generateCallCenterXml({ '/neotelConfigOptions/searchTypePriority': '' }));
    gw = await new GatewayHarness({
      dialerUrl: dialer.url,
      env: { CALL_CENTER_FILE: file },
      overrides: [{ token: CRM, value: crm }],
    }).start();
    const session = await gw.login('agent1');
    token = session.accessToken;
    panel = await gw.panel(token);
    for (let i = 0; i < 200 && dialer.openStreams('a1') === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
  });

  afterEach(async () => {
    await gw.stop();
    await dialer.stop();
  });

  const popFor = async (callId: string) =>
    (await panel.waitFor((e) => e.type === 'crm.pop' && e.payload.callId === callId))
      .payload as Pop['payload'];
  const send = (body: unknown) => gw.request('PUT', '/api/v1/session/salesforce-settings', { token, body });

  it("pops by the org's searchTypePriority and Softphone Layout once the panel sent them, the file's before", async () => {
    const account = crm.add('Account', { Name: 'Acme', Phone: '+541155551234' });
    crm.add('Contact', { Name: 'Ana', Phone: '+541155551234' });
    const before = (await gw.request('GET', '/api/v1/config', { token })).body as PanelConfig;
    expect(before.source).toEqual({
      callCenter: 'gateway',
      softphoneLayout: 'gateway',
      callCenterName: null,
      problems: [],
    });
    // The file has no priority: two matches open the search page.
    expect((await popFor(offerOutbound(dialer))).decision.type).toBe('search');

    const answer = await send(fromOrg({ '/neotelConfigOptions/searchTypePriority': 'Account|Contact' }));
    expect(answer.status).toBe(200);
    expect((answer.body as PanelConfig).source).toMatchObject({
      callCenter: 'salesforce',
      softphoneLayout: 'salesforce',
      callCenterName: 'Puente CTI',
    });
    expect((await popFor(offerOutbound(dialer))).decision).toEqual({
      type: 'record',
      objectType: 'Account',
      recordId: account,
    });

    // The administrator sets SingleMatch to "Don't pop any screen" for outbound calls.
    const layout = defaultSoftphoneLayout();
    delete layout.Outbound.screenPopSettings.SingleMatch;
    await send(fromOrg({ '/neotelConfigOptions/searchTypePriority': 'Account|Contact' }, layout));
    expect((await popFor(offerOutbound(dialer))).decision).toEqual({ type: 'none' });
  });

  it("follows the org's Call Center options (C6) and says which values it could not follow", async () => {
    const answer = await send(
      fromOrg({
        '/neotelConfigOptions/allowContactRelease': 'false',
        '/neotelConfigOptions/searchTypePriority': 'Contact|Case',
      }),
    );
    const config = (await gw.request('GET', '/api/v1/config', { token })).body as PanelConfig;
    expect(config).toEqual(answer.body);
    expect(config.allowContactRelease).toBe(false);
    expect(config.source.problems).toEqual([
      { path: '/neotelConfigOptions/searchTypePriority', message: expect.stringContaining('Case') },
    ]);
    const release = await gw.request('POST', '/api/v1/contacts/501/release', { token, body: {} });
    expect(release.status).toBe(403);
  });

  it('applies the file for the part whose Open CTI call failed', async () => {
    const answer = await send({ callCenter: null, softphoneLayout: defaultSoftphoneLayout() });
    expect((answer.body as PanelConfig).source).toMatchObject({
      callCenter: 'gateway',
      softphoneLayout: 'salesforce',
    });
  });

  it('refuses a malformed body with a stable code, never a 500', async () => {
    for (const body of [
      {},
      { callCenter: { 'not a path': 'x' }, softphoneLayout: null },
      { callCenter: null, softphoneLayout: { Inbound: {} } },
      { callCenter: null, softphoneLayout: null, extra: 1 },
    ]) {
      const res = await send(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('ends with the session: a new login outside Salesforce follows the file', async () => {
    await send(fromOrg({ '/neotelConfigOptions/allowContactRelease': 'false' }));
    expect((await gw.request('DELETE', '/api/v1/sessions/current', { token })).status).toBe(204);
    const next = await gw.login('agent1');
    const config = (await gw.request('GET', '/api/v1/config', { token: next.accessToken }))
      .body as PanelConfig;
    expect(config.source.callCenter).toBe('gateway');
    expect(config.allowContactRelease).toBe(true);
  });
});
