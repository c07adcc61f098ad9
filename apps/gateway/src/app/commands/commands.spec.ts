import { NeoApiError } from '@puente/neoapi';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness } from '../../testing/gateway-harness';

const CALL = {
  callId: 'c1',
  direction: 'outbound' as const,
  state: 'dialing' as const,
  number: '+541155551234',
  campaignId: null,
  queueId: null,
  dialerMode: 'manual' as const,
  startedAt: new Date().toISOString(),
  answeredAt: null,
  transfer: null,
  participants: [],
  recordingUrl: null,
};

describe('agent commands (A2-A4, B1-B9, C5) over HTTP', () => {
  let dialer: FakeNeoApiServer;
  let gw: GatewayHarness;
  let token: string;

  beforeAll(async () => {
    dialer = await startFakeDialer();
    dialer.on('Dial', () => ({ call: CALL }));
    dialer.on('InviteParticipant', () => ({ participantId: 'p9' }));
    dialer.on('Schedule_Callback', (r) => ({ scheduleId: 's1', at: r.at }));
    dialer.on('UpdateContact', () => ({ released: true }));
    dialer.on('Pause', () => ({ pending: false }));
    dialer.on('Send_DTMF', (r) => ({ sent: r.digits.length }));
    dialer.on('Transfer', () => ({ call: { ...CALL, state: 'transferring' as const } }));
    dialer.on('JoinConference', () => ({ call: { ...CALL, state: 'in_conference' as const } }));
    dialer.on('ExecuteTask02', () => ({ taskId: 't2', result: { recording: 'paused', callId: 'c1' } }));
    gw = await new GatewayHarness({ dialerUrl: dialer.url }).start();
    token = (await gw.login('agent1')).accessToken;
  });

  afterAll(async () => {
    await gw.stop();
    await dialer.stop();
  });

  const post = (path: string, body?: unknown, key?: string) => gw.request('POST', path, { token, body, key });
  const lastCall = () => dialer.calls.at(-1);

  it.each([
    ['/api/v1/campaigns/97/leave', undefined, 'Logout_Campaign', { campaignId: '97' }],
    ['/api/v1/agent/pause', { breakStateId: '1' }, 'Pause', { breakStateId: '1' }],
    ['/api/v1/agent/unpause', undefined, 'Unpause', {}],
    ['/api/v1/agent/ready', undefined, 'CRM_Available', {}],
    ['/api/v1/agent/unavailable', undefined, 'CRM_Unavailable', {}],
    ['/api/v1/agent/showing-contact', { contactId: '501' }, 'CRM_ShowingContact', { contactId: '501' }],
    [
      '/api/v1/calls',
      { number: '011 15 5555-1234', note: 'asked to call back' },
      'Dial',
      { number: '011 15 5555-1234', note: 'asked to call back' },
    ],
    ['/api/v1/calls/c1/hangup', undefined, 'Hangup', { callId: 'c1' }],
    ['/api/v1/calls/c1/hold', undefined, 'Hold', { callId: 'c1' }],
    ['/api/v1/calls/c1/unhold', undefined, 'Unhold', { callId: 'c1' }],
    ['/api/v1/calls/c1/dtmf', { digits: '12#' }, 'Send_DTMF', { callId: 'c1', digits: '12#' }],
    [
      '/api/v1/calls/c1/transfer',
      { target: { kind: 'queue', id: 'q2' }, mode: 'attended' },
      'Transfer',
      { callId: 'c1', target: { kind: 'queue', id: 'q2' }, mode: 'attended' },
    ],
    ['/api/v1/calls/c1/transfer/complete', undefined, 'Transfer_Complete', { callId: 'c1' }],
    ['/api/v1/calls/c1/transfer/end', undefined, 'Transfer_End', { callId: 'c1' }],
    ['/api/v1/calls/c1/conference', undefined, 'JoinConference', { callId: 'c1' }],
    [
      '/api/v1/calls/c1/conference/participants',
      { target: { kind: 'number', id: '+34911234567' } },
      'InviteParticipant',
      { callId: 'c1', target: { kind: 'number', id: '+34911234567' } },
    ],
    ['/api/v1/calls/c1/conference/kick-all', undefined, 'KickAll', { callId: 'c1' }],
    [
      '/api/v1/contacts/501/categorize',
      { categoryId: '4', subcategoryId: '9' },
      'UpdateContact',
      { contactId: '501', categoryId: '4', subcategoryId: '9' },
    ],
    ['/api/v1/contacts/501/release', undefined, 'Release_Contact', { contactId: '501' }],
    // ExecuteTask01 needs allowTextMessage (issue 16 §3): call-features.emulator.spec.ts.
    ['/api/v1/tasks/02', { callId: 'c1' }, 'ExecuteTask02', { callId: 'c1', params: {} }],
    ['/api/v1/calls/c1/mute', undefined, 'Mute', { callId: 'c1' }],
    ['/api/v1/calls/c1/unmute', undefined, 'Unmute', { callId: 'c1' }],
  ])('POST %s runs %s on the dialer', async (path, body, method, request) => {
    const res = await post(path, body);
    expect([200, 201]).toContain(res.status);
    expect(lastCall()).toMatchObject({ method, body: request, agentId: 'a1' });
  });

  it('answers dial with the call id and schedules only in the future', async () => {
    expect((await post('/api/v1/calls', { number: '+541155551234' })).body).toEqual({ callId: 'c1' });
    const at = new Date(Date.now() + 3600_000).toISOString();
    const scheduled = await post('/api/v1/contacts/501/schedule', { at });
    expect(scheduled.status).toBe(201);
    expect(lastCall()).toMatchObject({
      method: 'Schedule_Callback',
      body: { contactId: '501', at, personal: true },
    });
    const past = await post('/api/v1/contacts/501/schedule', {
      at: new Date(Date.now() - 1000).toISOString(),
    });
    expect(past.body).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('validates bodies with the shared schemas before anything reaches the dialer', async () => {
    const before = dialer.calls.length;
    const dtmf = await post('/api/v1/calls/c1/dtmf', { digits: '12x' });
    expect(dtmf.status).toBe(400);
    expect(dtmf.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('digits'),
    });
    const transfer = await post('/api/v1/calls/c1/transfer', {
      target: { kind: 'planet', id: 'x' },
      mode: 'direct',
    });
    expect(transfer.status).toBe(400);
    const extra = await post('/api/v1/agent/pause', { breakStateId: '1', hack: true });
    expect(extra.status).toBe(400);
    expect((await post('/api/v1/tasks/04', {})).body.code).toBe('NOT_FOUND');
    expect(dialer.calls.length).toBe(before);
  });

  it.each([
    ['INVALID_STATE', 409],
    ['INVALID_NUMBER', 422],
    ['NOT_FOUND', 404],
    ['FORBIDDEN', 403],
  ] as const)("passes the dialer's %s on as a stable code", async (code, status) => {
    dialer.on('Hangup', () => {
      throw new NeoApiError(code, `dialer says ${code}`);
    });
    const res = await post('/api/v1/calls/c1/hangup');
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ code, message: `dialer says ${code}` });
    expect(res.body.requestId).toEqual(expect.any(String));
  });

  it('reads look-ups through the dialer and shapes them for the panel', async () => {
    dialer.on('Get_Categories', () => ({
      categories: [
        { id: '4', name: 'Venta', schedules: false, subcategories: [{ id: '9', name: 'Contado' }] },
      ],
    }));
    const res = await gw.request('GET', '/api/v1/crms/3/categories', { token });
    expect(res.body).toEqual({
      items: [{ id: '4', name: 'Venta', schedules: false, subcategories: [{ id: '9', name: 'Contado' }] }],
    });
  });

  it('serves the Call Center options and keeps per-user settings (F1)', async () => {
    const config = await gw.request('GET', '/api/v1/config', { token });
    expect(config.body).toMatchObject({
      allowContactRelease: true,
      automaticContactRelease: -1,
      softphoneWidth: 620,
      // What the panel shows for a private caller (issue 16 §2.5).
      anonymousLabel: 'Private number',
    });
    expect((await gw.request('GET', '/api/v1/me/settings', { token })).body).toEqual({
      width: 620,
      height: 420,
      autoMinimize: true,
      locale: null,
    });
    const saved = { width: 360, height: 600, autoMinimize: false, locale: 'es' };
    expect((await gw.request('PUT', '/api/v1/me/settings', { token, body: saved })).status).toBe(200);
    const again = await gw.login('agent1', 'secret', '2010');
    token = again.accessToken;
    expect((await gw.request('GET', '/api/v1/me/settings', { token })).body).toEqual(saved);
    const bad = await gw.request('PUT', '/api/v1/me/settings', { token, body: { ...saved, width: 50 } });
    expect(bad.status).toBe(400);
  });

  describe('Idempotency-Key (DESIGN principle 3)', () => {
    it('is required on commands', async () => {
      const res = await gw.request('POST', '/api/v1/calls', {
        token,
        body: { number: '+541155551234' },
        key: false,
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/Idempotency-Key/);
    });

    it('never dials twice for a retried request, and forwards the key to the dialer', async () => {
      const dials = () => dialer.calls.filter((c) => c.method === 'Dial').length;
      const before = dials();
      const first = await post('/api/v1/calls', { number: '+541155550001' }, 'retry-dial-0001');
      const retry = await post('/api/v1/calls', { number: '+541155550001' }, 'retry-dial-0001');
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(dials()).toBe(before + 1);
      expect(dialer.calls.at(-1)?.idempotencyKey).toBe('a1:retry-dial-0001');
    });

    it('runs concurrent duplicates once', async () => {
      let release: () => void = () => undefined;
      const gate = new Promise<void>((r) => (release = r));
      let count = 0;
      dialer.on('Transfer', async () => {
        count += 1;
        await gate;
        return { call: { ...CALL, state: 'transferring' as const } };
      });
      const body = { target: { kind: 'number', id: '+34911234567' }, mode: 'direct' };
      const both = Promise.all([
        post('/api/v1/calls/c1/transfer', body, 'concurrent-01'),
        post('/api/v1/calls/c1/transfer', body, 'concurrent-01'),
      ]);
      await new Promise((r) => setTimeout(r, 100));
      release();
      const [a, b] = await both;
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(count).toBe(1);
    });

    it('replays a refusal, and refuses the same key for a different request', async () => {
      dialer.on('Hold', () => {
        throw new NeoApiError('INVALID_STATE', 'no call');
      });
      const first = await post('/api/v1/calls/c1/hold', undefined, 'refusal-0001');
      dialer.on('Hold', () => ({}));
      const again = await post('/api/v1/calls/c1/hold', undefined, 'refusal-0001');
      expect([first.status, again.status]).toEqual([409, 409]);
      const other = await post('/api/v1/calls/c2/hold', undefined, 'refusal-0001');
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });
  });
});
