import { startClusterNode } from '../../testing/cluster-node';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { generateCallCenterXml } from '@puente/crm';
import type { NeoMissedCall } from '@puente/neoapi';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { describeWithRedis, startRedis, type TestRedis } from '@puente/server-kit/testing';
import { FakeCrm } from '../../testing/fake-crm';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness } from '../../testing/gateway-harness';
import { CRM } from '../crm/crm.port';
import { INBOUND_OPTIONS } from '../inbound/missed-calls.service';
import { ClusterJobs } from './cluster-jobs';
import { OnceClaims } from './once-claims';

jest.setTimeout(60_000);

const RESPONSIBLE_SF_ID = '005000000000009AAA';

async function until<T>(what: string, probe: () => T | undefined | null | false, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Issue 18 §2: background work that writes to Salesforce or the dialer runs
 * once per cluster. Two gateway nodes on one real Redis and one dialer, both
 * with the agent's session (as once sessions are shared): N missed calls make
 * N Task writes, not 2N; the job moves to the other node within 3 s when its
 * node stops, reading on from the shared cursor; a contact left in wrap-up is
 * released once.
 */
describeWithRedis('background jobs on two gateway nodes (issue 18 §2)', () => {
  let redis: TestRedis;
  let dialer: FakeNeoApiServer;
  const nodes: GatewayHarness[] = [];
  const crm = new FakeCrm();
  const missed: NeoMissedCall[] = [];
  /** Every Task write Salesforce received, by CallObject (an upsert that lands twice is two writes). */
  const writes: string[] = [];

  const callCenter = join(mkdtempSync(join(tmpdir(), 'cc-jobs-')), 'callcenter.xml');
  writeFileSync(callCenter, generateCallCenterXml({ '/neotelConfigOptions/automaticContactRelease': '1' }));

  const addMissedCalls = (n: number) => {
    for (let i = 0; i < n; i++) {
      const seq = missed.length + 1;
      const at = new Date().toISOString();
      missed.push({
        seq,
        callId: `m${seq}`,
        queueId: '1',
        number: `+5411555500${String(seq).padStart(2, '0')}`,
        contactId: null,
        clavesf: null,
        crmKey: null,
        startedAt: at,
        endedAt: at,
        waitSeconds: 12,
        cause: 'abandoned',
        responsible: { userId: 's1', user: 'sup1', email: 'sup1@puente.demo' },
        offeredTo: [],
      });
    }
  };
  const missedTasks = () => crm.tasks.filter((t) => String(t['CallObject']).startsWith('missed-'));
  const missedWrites = () => writes.filter((w) => w.startsWith('missed-'));
  const writesOf = (callObject: string) => writes.filter((w) => w === callObject).length;
  const runningNode = () => nodes.find((n) => n.app.get(ClusterJobs).runsHere('missed-calls'));

  const startNode = () =>
    startClusterNode(redis.url, {
      dialerUrl: dialer.url,
      env: { CALL_CENTER_FILE: callCenter },
      overrides: [
        { token: CRM, value: crm },
        { token: INBOUND_OPTIONS, value: { missedCallsPollMs: 200 } },
      ],
    });

  beforeAll(async () => {
    Logger.overrideLogger(false);
    redis = await startRedis();
    dialer = await startFakeDialer();
    dialer.on('Get_MissedCalls', (req) => {
      const page = missed.filter((m) => m.seq > req.after).slice(0, req.limit);
      return { epoch: 'run-1', missedCalls: page, last: missed.length };
    });
    crm.users.set('sup1@puente.demo', RESPONSIBLE_SF_ID);
    const upsert = crm.upsertCallTask.bind(crm);
    crm.upsertCallTask = async (task) => {
      writes.push(String(task['CallObject']));
      return upsert(task);
    };
    // Two agents, one per node: with shared sessions an agent is followed by the node it logged in on.
    const inner = dialer as unknown as {
      sessions: Map<string, { token: string; agentId: string; device: string }>;
    };
    dialer.on('Login', (req) => {
      const token = `t-${inner.sessions.size + 1}`;
      const agentId = req.user === 'agent2' ? 'a2' : 'a1';
      inner.sessions.set(token, { token, agentId, device: req.device });
      const agent = { agentId, user: req.user, displayName: 'Ana Agent', roles: ['agent' as const] };
      const rest = { email: null, breakState: null, campaignId: null, queueIds: [] };
      return {
        token,
        agent: {
          ...agent,
          ...rest,
          device: req.device,
          state: 'idle' as const,
          stateSince: new Date().toISOString(),
        },
        replacedDevice: null,
      };
    });
    nodes.push(await startNode(), await startNode());
    await nodes[0].panel((await nodes[0].login('agent1')).accessToken);
    await nodes[1].panel((await nodes[1].login('agent2')).accessToken);
    await until(
      'each node follows its agent',
      () => dialer.openStreams('a1') >= 1 && dialer.openStreams('a2') >= 1,
    );
  });
  afterAll(async () => {
    for (const node of nodes) await node.stop();
    await dialer?.stop();
    await redis?.stop();
  });

  it('a claim for the same work is won by exactly one node', async () => {
    const claims = await Promise.all(
      [...nodes, ...nodes].map((n) => n.app.get(OnceClaims).claim('auto-release:a1:777:c-x', 120_000)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('a contact left in wrap-up is released once', async () => {
    const callId = 'c-auto';
    dialer.emit('a1', 'CallOffered', {
      call: {
        callId,
        direction: 'outbound',
        state: 'ringing',
        number: '+541155551234',
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
        crmKey: 'k',
        phoneNumber: '+541155551234',
        callCampaing: '97',
        callDialer: 'progressive',
        callId,
        callQueue: '',
        callReason: '',
        campaignCrmId: '3',
        campaignBaseId: '12',
        userOutCampaign: '97',
        fields: {},
      },
    });
    dialer.emit('a1', 'CallAnswered', { callId });
    dialer.emit('a1', 'CallEnded', { callId, cause: 'customer_hangup', talkSeconds: 3 });
    const releases = () =>
      dialer.calls.filter(
        (c) => c.method === 'Release_Contact' && (c.body as { contactId?: string }).contactId === '501',
      ).length;
    await until('the automatic release', () => releases() > 0, 5000);
    // The 1 s timer has fired; give any second release time to show.
    await pause(1500);
    expect(releases()).toBe(1);
  });

  it('N missed calls make exactly N Salesforce Task writes, not one per node', async () => {
    addMissedCalls(5);
    await until('five missed-call Tasks', () => missedTasks().length >= 5);
    // Several more polls of both nodes: nothing is read or written again.
    await pause(1500);
    expect(missedTasks()).toHaveLength(5);
    expect(missedWrites()).toHaveLength(5);
    for (const m of missed) expect(writesOf(`missed-${m.callId}`)).toBe(1);
    expect(missedTasks()[0]).toMatchObject({ OwnerId: RESPONSIBLE_SF_ID, Status: 'Not Started' });
  });

  it('the node running the job stops: the other takes over within 3 s and reads on from the shared cursor', async () => {
    const running = await until('a node runs the missed-calls job', runningNode, 5000);
    const other = nodes.find((n) => n !== running) as GatewayHarness;
    expect(other.app.get(ClusterJobs).runsHere('missed-calls')).toBe(false);
    const stoppedAt = Date.now();
    await running.stop();
    nodes.splice(nodes.indexOf(running), 1);
    addMissedCalls(3);
    await until(
      'the other node runs the job',
      () => other.app.get(ClusterJobs).runsHere('missed-calls'),
      3000,
    );
    await until('eight missed-call Tasks', () => missedTasks().length >= 8, 3000);
    const tookOver = Date.now() - stoppedAt;
    expect(tookOver).toBeLessThan(3000);
    await pause(1000);
    expect(missedWrites()).toHaveLength(8);
    for (const m of missed) expect(writesOf(`missed-${m.callId}`)).toBe(1);
  });
});
