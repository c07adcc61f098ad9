import { until as pollUntil } from '../../testing/ledger';
import { Logger } from '@nestjs/common';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { describeWithRedis, startRedis, type TestRedis } from '@puente/server-kit/testing';
import { Redis } from 'ioredis';
import { callCenterFile, offerCall, popOf, streamOpen } from '../../testing/call-script';
import { startClusterNode } from '../../testing/cluster-node';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import type { GatewayHarness, PanelClient } from '../../testing/gateway-harness';
import { SalesforceOrg, SF_DEMO } from '../../testing/salesforce-org';
import { OUTBOX_OPTIONS } from '../crm/outbox/outbox.provider';
import { OutboxWorker } from '../crm/outbox/outbox.worker';

jest.setTimeout(120_000);

/**
 * Short, so that a dead node's writes move within a test's patience
 * (production: 30 s), yet longer than a write under the latency below.
 */
const CLAIM_MS = 4000;
const CALL_CENTER = callCenterFile();
/** The shared poll, at this spec's pace: Salesforce writes take seconds here. */
const until = <T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 30_000) =>
  pollUntil(what, probe, ms, 100);

/**
 * Issue 18 §2 against the Salesforce emulator (the system of record) with
 * two gateway nodes on one real Redis: the CRM outbox, the call journal and
 * the settings are shared, so a node that takes an agent over finishes what
 * the other started, and Salesforce sees each call's Task once.
 */
describeWithRedis('the CRM outbox and the call journal on two gateway nodes (issue 18 §2)', () => {
  let redis: TestRedis;
  let client: Redis;
  let org: SalesforceOrg;
  let dialer: FakeNeoApiServer;
  const nodes: GatewayHarness[] = [];

  const startNode = async () => {
    const node = await startClusterNode(redis.url, {
      dialerUrl: dialer.url,
      salesforceUrl: org.url,
      env: { CALL_CENTER_FILE: CALL_CENTER, SALESFORCE_TIMEOUT_MS: '2000' },
      overrides: [{ token: OUTBOX_OPTIONS, value: { claimMs: CLAIM_MS } }],
    });
    nodes.push(node);
    return node;
  };
  const stopNode = async (node: GatewayHarness) => {
    nodes.splice(nodes.indexOf(node), 1);
    await node.stop();
  };
  const loginOn = async (node: GatewayHarness, user: string, device: string, agentId: string) => {
    const session = await node.login(user, 'secret', device);
    const panel = await node.panel(session.accessToken);
    await streamOpen(dialer, agentId);
    return { token: session.accessToken, panel };
  };
  const tasksOf = (callObject: string) =>
    org.query(`SELECT Id, CallDisposition, Description FROM Task WHERE CallObject = '${callObject}'`);
  /** A call of `agentId` to contact `contactId` that ended: the agent is in wrap-up. */
  const endedCall = async (panel: PanelClient, agentId: string, contactId: string) => {
    const callId = offerCall(dialer, agentId, { contactId, number: '+5491155550001' });
    await popOf(panel, callId);
    dialer.emit(agentId, 'CallEnded', { callId, cause: 'agent_hangup', talkSeconds: 0 });
    await panel.waitForState((s) => s.call?.callId === callId && s.activity === 'wrap_up');
    return callId;
  };
  /** The outbox's pending writes as Redis holds them (their hashes: attempts, claim…). */
  const pendingWrites = async (): Promise<Record<string, string>[]> => {
    const ids = await client.zrangebyscore('puente:outbox:due', '-inf', '+inf');
    return Promise.all(ids.map((id) => client.hgetall(`puente:outbox:item:${id}`)));
  };

  beforeAll(async () => {
    Logger.overrideLogger(false);
    redis = await startRedis();
    client = new Redis(redis.url);
    org = await new SalesforceOrg().start();
    dialer = await startFakeDialer();
    for (const agentId of ['a1', 'a2'])
      dialer.setPosition(agentId, (p) => ({ ...p, agent: { ...p.agent, email: SF_DEMO.agentEmail } }));
    dialer.on('UpdateContact', () => ({ released: true }));
    dialer.on('Get_Categories', () => ({
      categories: [
        { id: '4', name: 'Venta', schedules: false, subcategories: [{ id: '9', name: 'Contado' }] },
      ],
    }));
  });
  afterAll(async () => {
    for (const node of [...nodes]) await node.stop();
    client?.disconnect();
    await dialer?.stop();
    await org?.stop();
    await redis?.stop();
  });

  it('a call journaled on node A is finished by node B after A stops: its notes, its outcome, one Task', async () => {
    const a = await startNode();
    const b = await startNode();
    const onA = await loginOn(a, 'agent1', '2001', 'a1');
    const callId = await endedCall(onA.panel, 'a1', '501');
    await until('the Task of the call', async () => (await tasksOf(callId)).length > 0);

    // A goes away; B takes the agent over (one session for the cluster: no new login) and serves it.
    await stopNode(a);
    await streamOpen(dialer, 'a1');
    const onB = { token: onA.token, panel: await b.panel(onA.token) };
    const res = await b.request('POST', '/api/v1/contacts/501/categorize', {
      token: onB.token,
      body: { categoryId: '4', subcategoryId: '9', note: 'paga el viernes' },
    });
    expect(res.body).toEqual({ released: true });
    // B named A's call to the dialer: it read it from the shared journal.
    const categorized = dialer.calls.filter((c) => c.method === 'UpdateContact').at(-1)?.body;
    expect(categorized).toMatchObject({ contactId: '501', callId });
    dialer.emit('a1', 'ContactReleased', {
      contactId: '501',
      categoryId: '4',
      subcategoryId: '9',
      scheduledFor: null,
    });
    const [task] = await until('the Task completed by B', async () => {
      const tasks = await tasksOf(callId);
      return tasks.some((t) => t['CallDisposition']) && tasks;
    });
    expect(await tasksOf(callId)).toHaveLength(1);
    expect(task).toMatchObject({ CallDisposition: 'Venta / Contado' });
    expect(String(task['Description'])).toContain('paga el viernes');
    expect(await client.smembers('puente:journal:unfinished')).toEqual([]);
    expect(await client.hget(`puente:journal:call:${callId}`, 'done')).toBe('1');
    await stopNode(b);
  });

  it('Tasks queued on A during a Salesforce outage, A stopped mid-write: B writes each exactly once', async () => {
    const a = await startNode();
    const b = await startNode();
    const onA = await loginOn(a, 'agent2', '2002', 'a2');
    await org.faults({ errorRate: 1 });
    const calls: string[] = [];
    for (let i = 0; i < 4; i++) calls.push(await endedCall(onA.panel, 'a2', String(700 + i)));
    // Every write failed at least once on A (every Salesforce call fails) and waits in Redis.
    await until('four writes that failed once', async () => {
      const writes = await pendingWrites();
      return writes.length === 4 && writes.every((w) => Number(w['attempts']) >= 1) && writes;
    });

    // Salesforce answers again, slowly (a write is two calls of a second each): A takes the four
    // writes and is stopped while they are under way. Its writes may still land; their outcome is
    // never recorded (a stopping worker records nothing), as when a node dies mid-write.
    await org.faults({ latencyMs: 1000 }, true);
    void a.app
      .get(OutboxWorker)
      .retryNow()
      .catch(() => undefined);
    await until(
      'A writing all four',
      async () => (await pendingWrites()).filter((w) => w['claim']).length === 4,
    );
    const claimedByA = (await pendingWrites()).map((w) => w['claim']);
    await stopNode(a);
    await org.clearFaults();
    expect((await pendingWrites()).map((w) => w['claim'])).toEqual(claimedByA);

    // B finds them once A's claims run out, and writes each Task once: updated where A's landed.
    await until(
      'the outbox drained by B',
      async () => (await client.zcard('puente:outbox:due')) === 0,
      60_000,
    );
    for (const callId of calls) expect(await tasksOf(callId)).toHaveLength(1);
    expect(await client.keys('puente:outbox:item:*')).toEqual([]);
    await stopNode(b);
  });

  it('Redis frozen as a call ends: the journal waits for it, and the Task lands once Redis is back', async () => {
    const a = await startNode();
    const { panel } = await loginOn(a, 'agent1', '2001', 'a1');
    const callId = offerCall(dialer, 'a1', { contactId: '502', number: '+5491155550001' });
    await popOf(panel, callId);
    await redis.kill('SIGSTOP');
    try {
      dialer.emit('a1', 'CallEnded', { callId, cause: 'agent_hangup', talkSeconds: 0 });
      // The event itself waits for Redis (the agents' event log is there), retried while it is frozen.
      await new Promise((r) => setTimeout(r, 3000));
    } finally {
      await redis.kill('SIGCONT');
    }
    await panel.waitForState((s) => s.call?.callId === callId && s.activity === 'wrap_up', 15_000);
    await until('the Task of the call', async () => (await tasksOf(callId)).length > 0);
    expect(await tasksOf(callId)).toHaveLength(1);
    expect(await client.hget(`puente:journal:call:${callId}`, 'agentId')).toBe('a1');
    await stopNode(a);
  });

  it("settings saved through one node apply on the other: the user's panel settings and the session's Salesforce ones", async () => {
    const a = await startNode();
    const b = await startNode();
    const { token } = await loginOn(a, 'agent1', '2001', 'a1');
    const panel = { width: 300, height: 540, autoMinimize: false, locale: 'es' };
    expect((await a.request('PUT', '/api/v1/me/settings', { token, body: panel })).status).toBe(200);
    expect((await b.request('GET', '/api/v1/me/settings', { token })).body).toEqual(panel);
    const sent = { callCenter: { '/label': 'Ventas Norte' }, softphoneLayout: null };
    expect(
      (await b.request('PUT', '/api/v1/session/salesforce-settings', { token, body: sent })).status,
    ).toBe(200);
    expect((await a.request('GET', '/api/v1/config', { token })).body).toMatchObject({
      source: { callCenter: 'salesforce', callCenterName: 'Ventas Norte' },
    });
    await stopNode(a);
    await stopNode(b);
  });
});
