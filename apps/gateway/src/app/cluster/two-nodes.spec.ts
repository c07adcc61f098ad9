import { startClusterNode } from '../../testing/cluster-node';
import { Logger } from '@nestjs/common';
import { DEMO_IDS } from '@puente/contact-center-db';
import { IVR_HEADERS } from '@puente/contracts';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { signedHeaders } from '@puente/server-kit';
import { describeWithRedis, startRedis, type TestRedis } from '@puente/server-kit/testing';
import { Pool } from 'pg';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness, TEST_IVR_KEY } from '../../testing/gateway-harness';

const CALL = {
  callId: 'c-cluster',
  direction: 'outbound' as const,
  state: 'dialing' as const,
  number: '+541155550042',
  campaignId: null,
  queueId: null,
  dialerMode: 'manual' as const,
  startedAt: new Date().toISOString(),
  answeredAt: null,
  transfer: null,
  participants: [],
  recordingUrl: null,
};

/**
 * Issue 18 §2, the first shared stores: two gateway nodes (A and B) on one
 * real Redis and one dialer. What one node learnt about lock-outs, IVR
 * signatures and command answers holds on the other; with Redis away they
 * answer 503 REDIS_UNAVAILABLE and the dialer is not asked.
 */
describeWithRedis('two gateway nodes sharing Redis (issue 18 §2)', () => {
  let redis: TestRedis;
  let dialer: FakeNeoApiServer;
  let a: GatewayHarness;
  let b: GatewayHarness;
  let pool: Pool;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    redis = await startRedis();
    dialer = await startFakeDialer();
    dialer.on('Dial', () => ({ call: CALL }));
    const env = { LOGIN_LOCKOUT_FAILURES: '3', LOGIN_RATE_PER_USER: '100', LOGIN_RATE_PER_ADDRESS: '100' };
    a = await startClusterNode(redis.url, { dialerUrl: dialer.url, env });
    b = await startClusterNode(redis.url, { dialerUrl: dialer.url, env });
    pool = new Pool({ connectionString: process.env['PUENTE_TEST_CONTACT_DB_URL'], max: 1 });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await pool?.end();
    await dialer?.stop();
    await redis?.stop();
  });

  const dialerCalls = (method: string, agentId?: string) =>
    dialer.calls.filter((c) => c.method === method && (agentId === undefined || c.agentId === agentId))
      .length;
  const loginAs = (node: GatewayHarness, user: string, password: string) =>
    node.request('POST', '/api/v1/sessions', { body: { device: '2001', user, password }, key: false });

  it('(a) an agent locked out on A by failed logins is locked out on B, before the dialer is asked', async () => {
    for (let i = 0; i < 3; i++) expect((await loginAs(a, 'agent1', 'wrong')).status).toBe(401);
    const loginsBefore = dialerCalls('Login');
    const onB = await loginAs(b, 'agent1', 'secret');
    expect(onB.status).toBe(429);
    expect(onB.body).toMatchObject({ code: 'RATE_LIMITED', details: { reason: 'LOCKED_OUT' } });
    expect(dialerCalls('Login')).toBe(loginsBefore);
    expect(await redis_ttl(`puente:attempt:lockout:user:agent1:block`)).toBeGreaterThan(0);
  });

  it('(b) an IVR insert accepted by A and replayed to B is refused on B: one contact row', async () => {
    const data = `cluster-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const text = JSON.stringify({ data, ani: '+34912345678', databaseId: DEMO_IDS.databases.entrantes });
    const headers = {
      'content-type': 'application/json',
      ...signedHeaders(IVR_HEADERS, TEST_IVR_KEY.id, TEST_IVR_KEY.secret, text),
    };
    const send = async (node: GatewayHarness) => {
      const res = await fetch(`${node.url}/api/v1/ivr/contacts`, { method: 'POST', headers, body: text });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    expect(await send(a)).toMatchObject({ status: 201, body: { data, created: true } });
    expect(await send(b)).toMatchObject({ status: 401, body: { code: 'REQUEST_REPLAYED' } });
    const rows = await pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM contacts WHERE clave_1 = $1',
      [data],
    );
    expect(rows.rows[0].n).toBe(1);
  });

  it("(c) a command retried on B with the key it used on A replays A's answer; the dialer dialled once", async () => {
    const onA = await a.login('agent2');
    const body = { number: '+541155550042' };
    const first = await a.request('POST', '/api/v1/calls', {
      token: onA.accessToken,
      body,
      key: 'cluster-dial-0001',
    });
    expect(first.status).toBe(201);
    expect(dialerCalls('Dial', 'a2')).toBe(1);
    // The agent logs in again on B (a new session, node A gone), and the panel retries.
    const onB = await b.login('agent2');
    const retry = await b.request('POST', '/api/v1/calls', {
      token: onB.accessToken,
      body,
      key: 'cluster-dial-0001',
    });
    expect(retry.status).toBe(first.status);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(dialerCalls('Dial', 'a2')).toBe(1);
  });

  it('Redis frozen: login, command and IVR insert answer 503 REDIS_UNAVAILABLE and nothing reaches the dialer', async () => {
    const session = await b.login('sup1');
    const dialsBefore = dialerCalls('Dial');
    const loginsBefore = dialerCalls('Login');
    await redis.kill('SIGSTOP');
    try {
      const login = await loginAs(a, 'agent1', 'secret');
      const command = await b.request('POST', '/api/v1/calls', {
        token: session.accessToken,
        body: { number: '+541155550043' },
        key: 'cluster-down-0001',
      });
      const ivr = await a.ivrInsert({
        data: 'redis-down',
        ani: '+34912345678',
        databaseId: DEMO_IDS.databases.entrantes,
      });
      for (const res of [login, command, ivr]) {
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({ code: 'REDIS_UNAVAILABLE' });
      }
      expect(dialerCalls('Dial')).toBe(dialsBefore);
      expect(dialerCalls('Login')).toBe(loginsBefore);
    } finally {
      await redis.kill('SIGCONT');
    }
    // Back by itself: the same command now goes through, once.
    const deadline = Date.now() + 5000;
    let again = { status: 0 } as { status: number };
    while (Date.now() < deadline && again.status !== 201) {
      again = await b.request('POST', '/api/v1/calls', {
        token: session.accessToken,
        body: { number: '+541155550043' },
        key: 'cluster-down-0001',
      });
      if (again.status !== 201) await new Promise((r) => setTimeout(r, 100));
    }
    expect(again.status).toBe(201);
    expect(dialerCalls('Dial')).toBe(dialsBefore + 1);
  }, 20_000);

  async function redis_ttl(key: string): Promise<number> {
    const { Redis } = await import('ioredis');
    const client = new Redis(redis.url);
    try {
      return await client.pttl(key);
    } finally {
      client.disconnect();
    }
  }
});
