import type { AgentState } from '@puente/contracts';
import { Client } from 'pg';
import { EmulatorProcess } from '../../testing/emulator-process';
import { GatewayHarness, type PanelClient } from '../../testing/gateway-harness';
import { until } from '../../testing/ledger';

/**
 * Preview mode (B7, issue 16 §3) end to end against the built dialer emulator
 * (frozen clock): the contact is handed to the agent before any call, and the
 * agent chooses Call (the dialer dials that contact, as a preview call) or
 * Skip (the contact goes back, nothing is dialled, the agent gets the next).
 * Outcomes read in the contact-center database: call history rows per contact.
 */
jest.setTimeout(240_000);

describe('preview mode: the contact first, then Call or Skip (B7, issue 16 §3)', () => {
  let dialer: EmulatorProcess;
  let gw: GatewayHarness;
  let panel: PanelClient;
  let db: Client;
  let token = '';

  const ok = async (path: string, body?: unknown) => {
    const res = await gw.request('POST', path, { token, body });
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const callsOf = async (contactId: string) =>
    (
      await db.query('SELECT call_id, dialer_mode FROM call_history WHERE contact_id = $1', [
        Number(contactId),
      ])
    ).rows as { call_id: string; dialer_mode: string }[];
  /** The next previewed contact: on screen, agent reserved, no call. */
  const previewed = (except?: string) =>
    until('a previewed contact', async () => {
      await dialer.advance(2);
      const s: AgentState = panel.state;
      return s.contact &&
        s.contact.contactId !== except &&
        s.contact.externalData['callDialer'] === 'preview' &&
        s.activity === 'reserved' &&
        (s.call === null || s.call.status === 'ended')
        ? s.contact
        : null;
    });

  beforeAll(async () => {
    dialer = EmulatorProcess.frozen();
    await dialer.start(180_000);
    await dialer.customersWaitForOperator();
    gw = await new GatewayHarness({
      dialerUrl: dialer.url,
      env: { CONTACT_DB_URL: dialer.contactDbUrl },
    }).start();
    db = new Client({ connectionString: dialer.contactDbUrl });
    await db.connect();
    token = (await gw.login('agent17', 'puente', '1017')).accessToken;
    panel = await gw.panel(token);
  });

  afterAll(async () => {
    await db?.end();
    await gw?.stop();
    await dialer?.stop();
  });

  it('issue 16 §3 (B7) Skip: the contact goes back undialled and the next one is previewed; Call dials the one on screen', async () => {
    await ok('/api/v1/campaigns/3/join');
    const skipped = await previewed();
    expect(await callsOf(skipped.contactId)).toEqual([]);

    await ok(`/api/v1/contacts/${skipped.contactId}/release`);
    const next = await previewed(skipped.contactId);
    expect(next.contactId).not.toBe(skipped.contactId);

    const dialed = (await ok('/api/v1/calls', {
      number: next.phoneNumber,
      contactId: next.contactId,
    })) as { callId: string };
    const state = await panel.waitForState(
      (s) => s.call?.callId === dialed.callId && s.call.status !== 'ended',
    );
    expect(state.call?.dialerMode).toBe('preview');
    expect(state.contact?.contactId).toBe(next.contactId);
    await ok(`/api/v1/calls/${dialed.callId}/hangup`);
    await panel.waitForState((s) => s.call?.status === 'ended');

    // Counted in the dialer's database: the skipped contact never dialled, the called one once,
    // and the skipped one back in the list, due again later (not at once).
    expect(await callsOf(skipped.contactId)).toEqual([]);
    const [row] = (
      await db.query(
        'SELECT dial_status, next_attempt_at IS NOT NULL AS deferred FROM contacts WHERE id = $1',
        [Number(skipped.contactId)],
      )
    ).rows as { dial_status: string; deferred: boolean }[];
    expect(row).toEqual({ dial_status: 'new', deferred: true });
    expect(await callsOf(next.contactId)).toEqual([{ call_id: dialed.callId, dialer_mode: 'preview' }]);
  });
});
