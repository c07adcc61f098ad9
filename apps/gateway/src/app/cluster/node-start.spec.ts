import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { describeWithRedis, startRedis, type TestRedis } from '@puente/server-kit/testing';
import { CLUSTER_TOKEN_SECRETS, startClusterNode } from '../../testing/cluster-node';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { REDIS, type RedisConnection } from './redis.provider';
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
 * Redis is stopped while node B starts and started again on its port with
 * its append-only file (the session made on node A is still there).
 */
describeWithRedis('a cluster node starting (issue 18 §3)', () => {
  const redisDir = mkdtempSync(join(tmpdir(), 'node-start-redis-'));
  let redis: TestRedis;
  let dialer: FakeNeoApiServer;
  let a: GatewayHarness;
  const started: GatewayHarness[] = [];

  beforeAll(async () => {
    Logger.overrideLogger(false);
    redis = await startRedis({ appendOnlyDir: redisDir });
    dialer = await startFakeDialer();
    a = await startClusterNode(redis.url, { dialerUrl: dialer.url });
  });
  afterEach(async () => {
    await redis.restart();
    await a.app.get<RedisConnection>(REDIS).whenUp();
  });
  afterAll(async () => {
    for (const node of started) await node.stop();
    await a?.stop();
    await dialer?.stop();
    await redis?.stop();
    rmSync(redisDir, { recursive: true, force: true });
  });

  /** Node B, as main.ts starts one (its port opens when start() resolves). */
  const startB = (wait: string) => {
    const node = new GatewayHarness({
      dialerUrl: dialer.url,
      env: { REDIS_URL: redis.url, GATEWAY_TOKEN_SECRETS: CLUSTER_TOKEN_SECRETS, REDIS_START_WAIT_MS: wait },
    });
    started.push(node);
    return node.start();
  };
  const code = (body: unknown) => (body as { code?: string }).code;

  it('listens only once Redis answers: the first request it gets is served, not refused 503', async () => {
    const session = await a.login('agent1');
    await redis.stop();
    const back = sleep(500).then(async () => {
      await redis.restart();
      return Date.now();
    });
    const b = await startB('10000');
    const listening = Date.now();
    const first = await b.request('GET', '/api/v1/agent/state', { token: session.accessToken });
    expect({ status: first.status, code: code(first.body) }).toEqual({ status: 200, code: undefined });
    expect(listening).toBeGreaterThanOrEqual(await back);
  });

  it('with Redis away past the wait it starts all the same: not ready, 503 REDIS_UNAVAILABLE, then serves when Redis answers', async () => {
    const session = await a.login('agent2');
    await redis.stop();
    const b = await startB('300');
    expect((await b.request('GET', '/health/ready')).status).toBe(503);
    const refused = await b.request('GET', '/api/v1/agent/state', { token: session.accessToken });
    expect({ status: refused.status, code: code(refused.body) }).toEqual({
      status: 503,
      code: 'REDIS_UNAVAILABLE',
    });
    await redis.restart();
    let again = refused.status;
    for (const deadline = Date.now() + 10_000; again !== 200 && Date.now() < deadline; await sleep(100))
      again = (await b.request('GET', '/api/v1/agent/state', { token: session.accessToken })).status;
    expect(again).toBe(200);
  });
});
