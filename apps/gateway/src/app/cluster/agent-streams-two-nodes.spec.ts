import { Logger } from '@nestjs/common';
import type { AgentEvent } from '@puente/contracts';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { describeWithRedis, startRedis, type TestRedis } from '@puente/server-kit/testing';
import { startClusterNode } from '../../testing/cluster-node';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import type { GatewayHarness } from '../../testing/gateway-harness';
import { elapsedUntil } from '../../testing/ledger';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const call = (callId: string) => ({
  call: {
    callId,
    direction: 'outbound' as const,
    state: 'ringing' as const,
    number: '+541155551234',
    campaignId: null,
    queueId: null,
    dialerMode: 'manual' as const,
    startedAt: new Date().toISOString(),
    answeredAt: null,
    transfer: null,
    participants: [],
    recordingUrl: null,
  },
  contact: null,
});

/** Seqs of the events as a panel received them: consecutive, each once, is what "nothing lost or doubled" means. */
function gapsAndDoubles(events: readonly AgentEvent[]): { gaps: number; doubles: number } {
  let gaps = 0;
  let doubles = 0;
  for (let i = 1; i < events.length; i++) {
    const step = events[i].seq - events[i - 1].seq;
    if (step <= 0) doubles++;
    if (step > 1) gaps += step - 1;
  }
  return { gaps, doubles };
}

/**
 * Issue 18 §2: one agent stream for the cluster and exactly one dialer
 * subscription per agent. Two in-process nodes on one real Redis and one
 * dialer; the failure specs (src/failure/cluster-*.failure.spec.ts) do the
 * same with processes killed for real.
 */
jest.setTimeout(30_000);

describeWithRedis('agent streams across two gateway nodes (issue 18 §2)', () => {
  let redis: TestRedis;
  let dialer: FakeNeoApiServer;
  let a: GatewayHarness;
  let b: GatewayHarness;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    redis = await startRedis();
    dialer = await startFakeDialer();
    dialer.addUser({
      password: 'secret',
      agent: {
        agentId: 'a3',
        user: 'agent3',
        displayName: 'Carla Agent',
        roles: ['agent'],
        email: null,
        breakState: null,
        campaignId: null,
        queueIds: [],
      },
    });
  });
  beforeEach(async () => {
    a = await startClusterNode(redis.url, { dialerUrl: dialer.url });
    b = await startClusterNode(redis.url, { dialerUrl: dialer.url });
  });
  afterEach(async () => {
    for (const node of [a, b]) if (!stopped.has(node)) await node?.stop();
    stopped.clear();
  });
  const stopped = new Set<GatewayHarness>();
  const stop = async (node: GatewayHarness) => {
    stopped.add(node);
    await node.stop();
  };
  afterAll(async () => {
    await dialer?.stop();
    await redis?.stop();
  });

  it('an agent logged in on A is followed once; a panel on B gets its dialer events live, each once', async () => {
    const session = await a.login('agent1');
    await elapsedUntil('A follows the agent', () => dialer.openStreams('a1') === 1);
    const panel = await b.panel(session.accessToken, 0, 'a1');
    dialer.emit('a1', 'CallOffered', call('c1'));
    dialer.emit('a1', 'CallAnswered', { callId: 'c1' });
    await panel.waitForState((s) => s.call?.status === 'talking');
    await sleep(300);
    expect(dialer.openStreams('a1')).toBe(1);
    expect(gapsAndDoubles(panel.events)).toEqual({ gaps: 0, doubles: 0 });
    expect(panel.events.filter((e) => e.type === 'call.answered')).toHaveLength(1);
    // B answers the agent's state from its mirror, as A does.
    const onB = await b.request('GET', '/api/v1/agent/state', { token: session.accessToken });
    expect(onB.body.call).toMatchObject({ callId: 'c1', status: 'talking' });
  });

  it('A stops: B takes the agent over and resumes the dialer stream where A left it, nothing lost or doubled', async () => {
    const session = await a.login('agent2', 'secret', '2002');
    await elapsedUntil('A follows the agent', () => dialer.openStreams('a2') === 1);
    const panel = await b.panel(session.accessToken, 0, 'a2');
    dialer.emit('a2', 'CallOffered', call('c2'));
    await panel.waitForState((s) => s.call?.callId === 'c2');
    await stop(a);
    // While nobody follows the agent the dialer goes on: B must pick these up from its cursor.
    dialer.emit('a2', 'CallAnswered', { callId: 'c2' });
    dialer.emit('a2', 'CallHeld', { callId: 'c2' });
    const tookMs = await elapsedUntil(`B follows the agent`, () => dialer.openStreams('a2') === 1).catch(
      (e: Error) => {
        throw new Error(`${e.message}; open streams: ${dialer.openStreams('a2')}`);
      },
    );
    await panel.waitForState((s) => s.call?.status === 'on_hold');
    dialer.emit('a2', 'CallResumed', { callId: 'c2' });
    await panel.waitForState((s) => s.call?.status === 'talking');
    expect(gapsAndDoubles(panel.events)).toEqual({ gaps: 0, doubles: 0 });
    expect(panel.events.filter((e) => e.type === 'call.held')).toHaveLength(1);
    expect(tookMs).toBeLessThan(8000);
    // The session goes on: B serves it without a new login.
    const onB = await b.request('GET', '/api/v1/agent/state', { token: session.accessToken });
    expect(onB.status).toBe(200);
  });

  it('the agent logs in again on B while A follows them: A lets go, one subscription remains', async () => {
    await a.login('agent3', 'secret', '2003');
    await elapsedUntil('A follows the agent', () => dialer.openStreams('a3') === 1);
    const again = await b.login('agent3', 'secret', '2003');
    await elapsedUntil('one stream, from B', () => dialer.openStreams('a3') === 1);
    await sleep(500);
    expect(dialer.openStreams('a3')).toBe(1);
    const panel = await a.panel(again.accessToken, 0, 'a3');
    dialer.emit('a3', 'CallOffered', call('c3'));
    await panel.waitForState((s) => s.call?.callId === 'c3');
    expect(panel.events.filter((e) => e.type === 'call.offered')).toHaveLength(1);
  });
});
