import { Logger } from '@nestjs/common';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { describeWithRedis, startRedis, type TestRedis } from '@puente/server-kit/testing';
import { CLUSTER_TOKEN_SECRETS } from '../../testing/cluster-node';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness } from '../../testing/gateway-harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Issue 18 §3, a rolling restart: a balancer hands a node connections as
 * soon as its port accepts them. A node that listened before its Redis
 * connection was ready answered those first requests 503 REDIS_UNAVAILABLE
 * (the connection is made while Nest starts, and is only ready a few round
 * trips later), which an agent notices. A node waits for Redis before it
 * listens, up to REDIS_START_WAIT_MS: past that it starts all the same, not
 * ready and refusing commands with the clear code, and recovers by itself.
 * Each case starts the node while its Redis is not running yet, and starts
 * Redis on that port afterwards.
 */
describeWithRedis('a cluster node starting (issue 18 §3)', () => {
  let dialer: FakeNeoApiServer;
  const redises: TestRedis[] = [];
  const nodes: GatewayHarness[] = [];

  beforeAll(async () => {
    Logger.overrideLogger(false);
    dialer = await startFakeDialer();
  });
  afterAll(async () => {
    for (const node of nodes) await node.stop();
    for (const redis of redises) await redis.stop();
    await dialer?.stop();
  });

  /** A Redis port with nothing listening on it yet: `start()` starts the server there. */
  async function redisNotRunning(): Promise<{ url: string; start: () => Promise<void> }> {
    const redis = await startRedis();
    redises.push(redis);
    await redis.stop();
    return { url: redis.url, start: () => redis.restart() };
  }

  /** A node as main.ts starts one (its port opens when start() resolves). */
  function startNode(redisUrl: string, wait: string): Promise<GatewayHarness> {
    const node = new GatewayHarness({
      dialerUrl: dialer.url,
      env: { REDIS_URL: redisUrl, GATEWAY_TOKEN_SECRETS: CLUSTER_TOKEN_SECRETS, REDIS_START_WAIT_MS: wait },
    });
    nodes.push(node);
    return node.start();
  }

  const login = (node: GatewayHarness, user: string) =>
    node.request('POST', '/api/v1/sessions', {
      body: { user, password: 'secret', device: '2001' },
      key: false,
    });
  const answer = (res: { status: number; body: unknown }) => ({
    status: res.status,
    code: (res.body as { code?: string }).code,
  });

  it('listens only once Redis answers: the first request it gets is served, not refused 503', async () => {
    const redis = await redisNotRunning();
    const started = sleep(1500).then(redis.start);
    try {
      const node = await startNode(redis.url, '10000');
      expect(answer(await login(node, 'agent1'))).toEqual({ status: 201, code: undefined });
    } finally {
      await started;
    }
  });

  it('with Redis away past the wait it starts all the same: not ready, 503 REDIS_UNAVAILABLE, then serves when Redis answers', async () => {
    const redis = await redisNotRunning();
    const node = await startNode(redis.url, '300');
    expect((await node.request('GET', '/health/ready')).status).toBe(503);
    expect(answer(await login(node, 'agent2'))).toEqual({ status: 503, code: 'REDIS_UNAVAILABLE' });
    await redis.start();
    let again = 0;
    for (const deadline = Date.now() + 10_000; again !== 201 && Date.now() < deadline; await sleep(100))
      again = (await login(node, 'agent2')).status;
    expect(again).toBe(201);
  });
});
