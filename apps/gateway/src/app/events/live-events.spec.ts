import type { AgentEvent } from '@puente/contracts';
import type { NeoCall, NeoContact } from '@puente/neoapi';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness } from '../../testing/gateway-harness';
import { UpstreamHealthService } from '../health/upstream-health.service';
import { NEO_CONTACT } from '../../testing/neo-fixtures';

const contact: NeoContact = NEO_CONTACT;

const call = (callId = 'c1', over: Partial<NeoCall> = {}): NeoCall => ({
  callId,
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
  ...over,
});

const types = (events: AgentEvent[]) => events.map((e) => e.type);

describe('live events (issue 4 §3) from the dialer to panels', () => {
  let dialer: FakeNeoApiServer;
  let gw: GatewayHarness;
  let token: string;

  beforeEach(async () => {
    dialer = await startFakeDialer();
    gw = await new GatewayHarness({ dialerUrl: dialer.url, env: { EVENT_BUFFER_SIZE: '10' } }).start();
    token = (await gw.login('agent1')).accessToken;
  });

  afterEach(async () => {
    await gw.stop();
    await dialer.stop();
  });

  const waitForStream = async () => {
    for (let i = 0; i < 200 && dialer.openStreams('a1') === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
  };

  it('turns dialer events into numbered Puente events with the contact data (C9)', async () => {
    const panel = await gw.panel(token);
    await waitForStream();
    dialer.emit('a1', 'CallOffered', { call: call(), contact });
    dialer.emit('a1', 'CallAnswered', { callId: 'c1' });
    await panel.waitForState((s) => s.call?.status === 'talking');
    const offered = await panel.waitFor((e) => e.type === 'call.offered');
    expect(offered.payload).toMatchObject({
      callId: 'c1',
      party: '+541155551234',
      status: 'ringing',
      contact: {
        contactId: '501',
        databaseId: '12',
        crmId: '3',
        crmKey: '0033000000abcDEF',
        lastCallId: 'c1',
      },
    });
    const seqs = panel.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(panel.state.activity).toBe('talking');
  });

  it('holds exactly one dialer subscription per logged-in agent, also after logging in again', async () => {
    await waitForStream();
    expect(dialer.openStreams('a1')).toBe(1);
    token = (await gw.login('agent1', 'secret', '2003')).accessToken;
    await new Promise((r) => setTimeout(r, 200));
    expect(dialer.openStreams('a1')).toBe(1);
  });

  it('replays exactly the missed events to a panel that reconnects with its last seq', async () => {
    const panel = await gw.panel(token);
    await waitForStream();
    dialer.emit('a1', 'CallOffered', { call: call(), contact });
    await panel.waitFor((e) => e.type === 'call.offered');
    const lastSeq = panel.state.seq;
    panel.socket.close();
    dialer.emit('a1', 'CallAnswered', { callId: 'c1' });
    dialer.emit('a1', 'CallHeld', { callId: 'c1' });
    dialer.emit('a1', 'CallResumed', { callId: 'c1' });
    await new Promise((r) => setTimeout(r, 200));
    const again = await gw.panel(token, lastSeq);
    expect(again.lastResume?.mode).toBe('replay');
    const replayed = again.lastResume?.mode === 'replay' ? again.lastResume.events : [];
    expect(replayed.map((e) => e.seq)).toEqual(replayed.map((_, i) => lastSeq + 1 + i));
    expect(types(replayed).filter((t) => t.startsWith('call.'))).toEqual([
      'call.answered',
      'call.held',
      'call.resumed',
    ]);
    dialer.emit('a1', 'CallEnded', { callId: 'c1', cause: 'customer_hangup', talkSeconds: 30 });
    await again.waitFor((e) => e.type === 'call.ended');
    expect(again.events.filter((e) => e.type === 'call.ended')).toHaveLength(1);
  });

  it('sends a snapshot when the missed events are older than the buffer', async () => {
    const panel = await gw.panel(token);
    await waitForStream();
    panel.socket.close();
    for (let i = 0; i < 15; i++)
      dialer.emit('a1', i % 2 === 0 ? 'CallHeld' : 'CallResumed', { callId: 'none' });
    dialer.emit('a1', 'CallOffered', { call: call('c7'), contact });
    await new Promise((r) => setTimeout(r, 300));
    const again = await gw.panel(token, 1);
    expect(again.lastResume?.mode).toBe('snapshot');
    expect(again.state.call?.callId).toBe('c7');
  });

  it('falls back to Position polling while the push stream is unavailable, then returns to the stream', async () => {
    const panel = await gw.panel(token);
    await waitForStream();
    dialer.setStreamEnabled(false);
    dialer.setPosition('a1', (p) => ({
      ...p,
      agent: { ...p.agent, state: 'talking' },
      call: call('c2', { state: 'talking', answeredAt: new Date().toISOString() }),
      contact,
    }));
    await panel.waitForState((s) => s.call?.callId === 'c2' && s.call.status === 'talking');
    expect(dialer.openStreams('a1')).toBe(0);
    dialer.setStreamEnabled(true);
    await waitForStream();
    expect(dialer.openStreams('a1')).toBe(1);
    dialer.emit('a1', 'CallHeld', { callId: 'c2' });
    await panel.waitForState((s) => s.call?.status === 'on_hold');
  });

  it('fails fast with DIALER_UNAVAILABLE during an outage, tells the panels, and recovers by itself', async () => {
    const panel = await gw.panel(token);
    await waitForStream();
    await dialer.stop();
    const health = gw.app.get(UpstreamHealthService);
    for (let i = 0; i < 5; i++) await health.round();
    await panel.waitFor((e) => e.type === 'system.dialer_status' && e.payload.status === 'down');
    const started = Date.now();
    const res = await gw.request('POST', '/api/v1/agent/ready', { token });
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('DIALER_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(200);
    await dialer.start();
    await health.round();
    await panel.waitFor((e) => e.type === 'system.dialer_status' && e.payload.status === 'up');
    expect((await gw.request('POST', '/api/v1/agent/ready', { token })).status).toBe(200);
    await waitForStream();
    dialer.emit('a1', 'CallOffered', { call: call('c3'), contact });
    await panel.waitForState((s) => s.call?.callId === 'c3');
  });

  it('survives a gateway restart in the middle of a call without logging anyone out of the dialer', async () => {
    const panel = await gw.panel(token);
    await waitForStream();
    dialer.emit('a1', 'CallOffered', { call: call('c4'), contact });
    dialer.emit('a1', 'CallAnswered', { callId: 'c4' });
    await panel.waitForState((s) => s.call?.status === 'talking');
    const lastSeq = panel.state.seq;
    await gw.stop();
    dialer.emit('a1', 'CallHeld', { callId: 'c4' });
    gw = await new GatewayHarness({
      dialerUrl: dialer.url,
      dataDir: gw.dataDir,
      env: { EVENT_BUFFER_SIZE: '10' },
    }).start();
    const resumed = await gw.panel(token, lastSeq);
    await resumed.waitFor((e) => e.type === 'call.held');
    expect(resumed.lastResume?.mode).toBe('replay');
    expect(dialer.calls.some((c) => c.method === 'Logout')).toBe(false);
    expect((await gw.request('POST', '/api/v1/calls/c4/unhold', { token })).status).toBe(200);
  });
});
