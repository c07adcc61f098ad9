import type { NeoCall, NeoContact } from '@puente/neoapi';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness } from '../../testing/gateway-harness';
import { until } from '../../testing/ledger';
import { NEO_CONTACT } from '../../testing/neo-fixtures';

const contact: NeoContact = NEO_CONTACT;

const CALL: NeoCall = {
  callId: 'c1',
  direction: 'outbound',
  state: 'ringing',
  number: '+541155551234',
  campaignId: '97',
  queueId: null,
  dialerMode: 'predictive',
  startedAt: new Date().toISOString(),
  answeredAt: null,
  transfer: null,
  participants: [],
  recordingUrl: null,
};

const DIALER_TIMEOUT_MS = 300;

/**
 * Issue 15 §4: "failed" means "did not happen". A command the dialer never
 * received answers DIALER_UNAVAILABLE; one it received and did not answer in
 * time answers DIALER_OUTCOME_UNKNOWN, is not remembered as failed (a retry
 * with the same key asks the dialer again, with the same key), and the
 * gateway reads the dialer's Position to show what really happened.
 */
describe('commands whose outcome is unknown (issue 15 §4)', () => {
  let dialer: FakeNeoApiServer;
  let gw: GatewayHarness;
  let token: string;

  beforeAll(async () => {
    dialer = await startFakeDialer();
    gw = await new GatewayHarness({
      dialerUrl: dialer.url,
      env: { DIALER_TIMEOUT_MS: String(DIALER_TIMEOUT_MS), DIALER_BREAKER_FAILURES: '100' },
    }).start();
    token = (await gw.login('agent1')).accessToken;
    const panel = await gw.panel(token);
    await until('the dialer stream', () => dialer.openStreams('a1') === 1);
    dialer.emit('a1', 'CallOffered', { call: CALL, contact });
    dialer.emit('a1', 'CallAnswered', { callId: 'c1' });
    dialer.setPosition('a1', (p) => ({
      ...p,
      agent: { ...p.agent, state: 'talking' },
      call: { ...CALL, state: 'talking', answeredAt: new Date().toISOString() },
      contact,
    }));
    await panel.waitForState((s) => s.call?.status === 'talking');
    panel.socket.close();
  });

  afterAll(async () => {
    await gw.stop();
    await dialer.stop();
  });

  const state = async () =>
    (await gw.request('GET', '/api/v1/agent/state', { token })).body as { call: { status: string } | null };

  it('answers DIALER_OUTCOME_UNKNOWN, shows what the dialer did, and a retry with the key acts at most once', async () => {
    let holds = 0;
    dialer.on('Hold', async () => {
      await new Promise((r) => setTimeout(r, DIALER_TIMEOUT_MS * 2));
      // The dialer acts, late; its push to the open stream is lost, so only Position tells.
      if (holds++ === 0) {
        dialer.setPosition('a1', (p) => ({ ...p, call: p.call && { ...p.call, state: 'on_hold' } }));
        dialer.emit('a1', 'CallHeld', { callId: 'c1' }, { push: false });
      }
      return {};
    });
    const first = await gw.request('POST', '/api/v1/calls/c1/hold', { token, key: 'hold-key-1' });
    expect({ status: first.status, code: first.body.code }).toEqual({
      status: 504,
      code: 'DIALER_OUTCOME_UNKNOWN',
    });

    // The agent's state shows what happened, with no further command.
    await until('the agent state to show the hold', async () => (await state()).call?.status === 'on_hold');

    // Retried with the same key: the gateway asks the dialer again with the same key (not replayed).
    dialer.on('Hold', () => ({}));
    const retry = await gw.request('POST', '/api/v1/calls/c1/hold', { token, key: 'hold-key-1' });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    const sent = dialer.calls.filter((c) => c.method === 'Hold');
    expect(sent).toHaveLength(2);
    expect(new Set(sent.map((c) => c.idempotencyKey)).size).toBe(1);
    expect(holds).toBe(1);
  });

  it('answers DIALER_UNAVAILABLE when the dialer could not be reached, and nothing happened', async () => {
    await dialer.stop();
    try {
      const res = await gw.request('POST', '/api/v1/calls/c1/unhold', { token, key: 'unhold-key-1' });
      expect({ status: res.status, code: res.body.code }).toEqual({
        status: 503,
        code: 'DIALER_UNAVAILABLE',
      });
    } finally {
      await dialer.start();
    }
    expect(dialer.calls.filter((c) => c.method === 'Unhold')).toHaveLength(0);
  });
});
