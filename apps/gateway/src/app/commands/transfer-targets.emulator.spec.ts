import type { UserDto } from '@puente/contracts';
import { EmulatorProcess } from '../../testing/emulator-process';
import { GatewayHarness, type PanelClient } from '../../testing/gateway-harness';
import { tally } from '../../testing/ledger';

/**
 * Issue 16 §2.10, against the built dialer emulator (frozen clock) and the
 * gateway in process: the transfer/conference user list shows who can take a
 * call now (logged-out users absent, busy ones marked with their state); a
 * blind transfer to a queue nobody else is logged in to needs a confirmation
 * (or is refused, by GATEWAY_EMPTY_QUEUE_TRANSFER) instead of being accepted
 * and abandoned; inviting a busy user is refused with TARGET_BUSY, not the
 * generic "not possible in the current state of the call".
 *
 * Demo seed: agent01 and agent02 are in queue 1 only; queue 2's agents are not logged in here.
 */
jest.setTimeout(240_000);

interface DialerCall {
  callId: string;
  state: string;
  agentId: string | null;
  queueId: string | null;
}

describe('transfer and conference targets (issue 16 §2.10)', () => {
  let dialer: EmulatorProcess;
  let gw: GatewayHarness;
  let refusing: GatewayHarness;
  const tokens: Record<string, string> = {};
  /** The call agent01 sent to the empty queue (its contact is released before the next call). */
  let transferred = '';
  const panels: Record<string, PanelClient> = {};

  const post = (as: string, path: string, body?: unknown, on: GatewayHarness = gw) =>
    on.request('POST', path, { token: tokens[as], body });
  const ok = async (as: string, path: string, body?: unknown, on: GatewayHarness = gw) => {
    const res = await post(as, path, body, on);
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const login = async (login: string, device: string, on: GatewayHarness = gw) => {
    tokens[login] = (await on.login(login, 'puente', device)).accessToken;
    panels[login] = await on.panel(tokens[login]);
  };
  /** An inbound call to a queue, answered by the one agent ready for it. */
  const inbound = async (agent: string, number: string, queueId: string, on: GatewayHarness = gw) => {
    await ok(agent, '/api/v1/agent/ready', undefined, on);
    await panels[agent].waitForState((s) => s.activity === 'available');
    const placed = await dialer.operator('POST', '/operator/inbound', { number, queueId });
    await dialer.advance(1);
    await panels[agent].waitForState((s) => s.call?.callId === placed.callId && s.call?.status === 'talking');
    return String(placed.callId);
  };
  const dialerCall = async (callId: string) =>
    ((await dialer.state()).calls as DialerCall[]).find((c) => c.callId === callId);

  beforeAll(async () => {
    dialer = EmulatorProcess.frozen(50);
    await dialer.start(180_000);
    await dialer.customersWaitForOperator();
    gw = await new GatewayHarness({ dialerUrl: dialer.url }).start();
    refusing = await new GatewayHarness({
      dialerUrl: dialer.url,
      env: { GATEWAY_EMPTY_QUEUE_TRANSFER: 'refuse' },
    }).start();
    await login('agent01', '1001');
    await login('agent02', '1002');
    // agent03 logs in and out again: the list must not offer them.
    await login('agent03', '1003');
    const out = await gw.request('DELETE', '/api/v1/sessions/current', { token: tokens['agent03'] });
    expect(out.status).toBeLessThan(300);
  });

  afterAll(async () => {
    await gw?.stop();
    await refusing?.stop();
    await dialer?.stop();
  });

  it('§2.10 user list: logged-out users are absent, busy users are marked with their state', async () => {
    // agent02 takes a queue-1 call and stays on it (customers do not hang up).
    await inbound('agent02', '+541155558001', '1');

    const res = await gw.request('GET', '/api/v1/users', { token: tokens['agent01'] });
    expect(res.status).toBe(200);
    const users = (res.body as { items: UserDto[] }).items;
    const byLogin = new Map(users.map((u) => [u.user, u]));
    expect(
      tally(
        ['logged_out'],
        users.map((u) => u.activity),
      ).landed,
    ).toBe(0);
    expect(byLogin.has('agent03')).toBe(false);
    expect(byLogin.has('agent01')).toBe(false); // not oneself
    expect(byLogin.get('agent02')).toMatchObject({ activity: 'talking', busy: true });
  });

  it('§2.10 blind transfer to a queue nobody else is logged in to: refused until confirmed (default: confirm)', async () => {
    const callId = await inbound('agent01', '+541155558002', '1');

    const unconfirmed = await post('agent01', `/api/v1/calls/${callId}/transfer`, {
      target: { kind: 'queue', id: '2' },
      mode: 'direct',
    });
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body).toMatchObject({
      code: 'QUEUE_EMPTY_CONFIRM',
      details: { queueId: '2', policy: 'confirm' },
    });
    // Nothing happened: the customer is still talking to agent01.
    expect(await dialerCall(callId)).toMatchObject({ state: 'talking', agentId: '1' });

    const confirmed = await post('agent01', `/api/v1/calls/${callId}/transfer`, {
      target: { kind: 'queue', id: '2' },
      mode: 'direct',
      confirmEmptyQueue: true,
    });
    expect(confirmed.status).toBe(200);
    expect(await dialerCall(callId)).toMatchObject({ queueId: '2', agentId: null });
    transferred = callId;
    await panels['agent01'].waitForState((s) => s.activity === 'wrap_up');
  });

  it('§2.10 inviting a busy user answers TARGET_BUSY with their state, not INVALID_STATE', async () => {
    // agent01 back from wrap-up onto a new call, starts a conference and invites agent02 (on a call).
    const contact = panels['agent01'].state.contact;
    if (contact)
      await ok('agent01', `/api/v1/contacts/${contact.contactId}/release`, { callId: transferred });
    await panels['agent01'].waitForState((s) => s.contact === null);
    const callId = await inbound('agent01', '+541155558003', '1');
    await ok('agent01', `/api/v1/calls/${callId}/conference`);
    await panels['agent01'].waitForState((s) => s.call?.status === 'in_conference');

    const agent02 = panels['agent02'].state.agentId;
    const invite = await post('agent01', `/api/v1/calls/${callId}/conference/participants`, {
      target: { kind: 'user', id: agent02 },
    });
    expect(invite.status).toBe(409);
    expect(invite.body).toMatchObject({ code: 'TARGET_BUSY', details: { state: 'talking' } });

    // An attended transfer to the same busy user says the same.
    await ok('agent01', `/api/v1/calls/${callId}/conference/kick-all`);
    await panels['agent01'].waitForState((s) => s.call?.status === 'talking');
    const transfer = await post('agent01', `/api/v1/calls/${callId}/transfer`, {
      target: { kind: 'user', id: agent02 },
      mode: 'attended',
    });
    expect(transfer.body).toMatchObject({ code: 'TARGET_BUSY', details: { state: 'talking' } });
    await ok('agent01', `/api/v1/calls/${callId}/hangup`);
    await panels['agent01'].waitForState((s) => s.activity === 'wrap_up');
  });

  it('§2.10 GATEWAY_EMPTY_QUEUE_TRANSFER=refuse: refused even when confirmed; a staffed queue still takes it', async () => {
    // agent01 leaves: queue 2 has nobody logged in; agent02 is on a call in queue 1.
    await gw.request('DELETE', '/api/v1/sessions/current', { token: tokens['agent01'] });
    await login('agent12', '1012', refusing);
    await dialer.operator('POST', '/operator/inbound', { number: '+541155558004', queueId: '1' });
    await ok('agent12', '/api/v1/agent/ready', undefined, refusing);
    await dialer.advance(1);
    // agent12 takes whichever call has waited longest (the one agent01 sent to queue 2 is first).
    const callId = String(
      (await panels['agent12'].waitForState((s) => s.call?.status === 'talking')).call?.callId,
    );

    const refused = await post(
      'agent12',
      `/api/v1/calls/${callId}/transfer`,
      { target: { kind: 'queue', id: '2' }, mode: 'direct', confirmEmptyQueue: true },
      refusing,
    );
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'QUEUE_EMPTY', details: { queueId: '2', policy: 'refuse' } });
    expect(await dialerCall(callId)).toMatchObject({ state: 'talking', agentId: '12' });
    expect(refused.body.message).not.toMatch(/INVALID_STATE/);

    // Queue 1 has agent02 logged in (busy now, but there): the blind transfer goes ahead.
    const accepted = await post(
      'agent12',
      `/api/v1/calls/${callId}/transfer`,
      { target: { kind: 'queue', id: '1' }, mode: 'direct' },
      refusing,
    );
    expect(accepted.status).toBe(200);
    expect(await dialerCall(callId)).toMatchObject({ queueId: '1' });
  });
});
