import { Logger } from '@nestjs/common';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { describeWithRedis, startRedis, type TestRedis } from '@puente/server-kit/testing';
import { CLUSTER_TOKEN_SECRETS, startClusterNode } from '../../testing/cluster-node';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness } from '../../testing/gateway-harness';
import { TcpGate } from '../../testing/tcp-gate';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Issue 18 §3, a rolling restart: a balancer hands a node connections as
 * soon as its port accepts them. A node that listened before its Redis
 * connection was ready answered those first requests 503 REDIS_UNAVAILABLE
 * (the connection is made while Nest starts, and is only ready a few round
 * trips later), which an agent notices. A node waits for Redis before it
 * listens, up to REDIS_START_WAIT_MS: past that it starts all the same, not
 * ready and refusing commands with the clear code, and recovers by itself.
 * Redis is reached through a TcpGate that holds every byte while hung.
 */
describeWithRedis('a cluster node starting (issue 18 §3)', () => {
  let redis: TestRedis;
  let dialer: FakeNeoApiServer;
  let gate: TcpGate;
  let a: GatewayHarness;
  const started: GatewayHarness[] = [];

  beforeAll(async () => {
    Logger.overrideLogger(false);
    redis = await startRedis();
    dialer = await startFakeDialer();
    gate = await new TcpGate({ host: '127.0.0.1', port: redis.port }).open();
    a = await startClusterNode(redis.url, { dialerUrl: dialer.url });
  });
  afterEach(() => gate.release());
  afterAll(async () => {
    for (const node of started) await node.stop();
    await a?.stop();
    await gate?.cut();
    await dialer?.stop();
    await redis?.stop();
  });

  /** Node B on Redis through the gate, as main.ts starts one (the port opens when start() resolves). */
  const startB = (wait: string) => {
    const node = new GatewayHarness({
      dialerUrl: dialer.url,
      env: {
        REDIS_URL: `redis://127.0.0.1:${gate.port}`,
        GATEWAY_TOKEN_SECRETS: CLUSTER_TOKEN_SECRETS,
        REDIS_START_WAIT_MS: wait,
      },
    });
    started.push(node);
    return node.start();
  };

  it('listens only once Redis answers: the first request it gets is served, not refused 503', async () => {
    const session = await a.login('agent1');
    gate.hang();
    // Well inside the command time-out (1 s), which also bounds ioredis's ready check: held longer, the
    // connection would be dropped and made again, a different case from the one tested here.
    const released = sleep(400).then(() => {
      gate.release();
      return Date.now();
    });
    const b = await startB('5000');
    const listening = Date.now();
    const first = await b.request('GET', '/api/v1/agent/state', { token: session.accessToken });
    expect({ status: first.status, code: (first.body as { code?: string }).code }).toEqual({
      status: 200,
      code: undefined,
    });
    expect(listening).toBeGreaterThanOrEqual(await released);
  });

  it('with Redis away past the wait it starts all the same: not ready, 503 REDIS_UNAVAILABLE, then serves when Redis answers', async () => {
    const session = await a.login('agent2');
    gate.hang();
    const before = Date.now();
    const b = await startB('300');
    expect(Date.now() - before).toBeLessThan(5000);
    expect((await b.request('GET', '/health/ready')).status).toBe(503);
    const refused = await b.request('GET', '/api/v1/agent/state', { token: session.accessToken });
    expect({ status: refused.status, code: (refused.body as { code?: string }).code }).toEqual({
      status: 503,
      code: 'REDIS_UNAVAILABLE',
    });
    gate.release();
    let again = refused.status;
    for (const deadline = Date.now() + 10_000; again !== 200 && Date.now() < deadline; await sleep(100))
      again = (await b.request('GET', '/api/v1/agent/state', { token: session.accessToken })).status;
    expect(again).toBe(200);
  });
});
