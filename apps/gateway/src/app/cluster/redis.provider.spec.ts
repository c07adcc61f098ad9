import { Logger } from '@nestjs/common';
import type { Socket } from 'node:net';
import { describeWithRedis, startRedis, type TestRedis } from '@puente/server-kit/testing';
import type { GatewayConfig } from '../config/gateway.config';
import { loadGatewayConfig } from '../config/gateway.config';
import { UpstreamHealthService } from '../health/upstream-health.service';
import { TcpGate } from '../../testing/tcp-gate';
import {
  REDIS_SOCKET_TIMEOUT_MS,
  REDIS_UNAVAILABLE,
  RedisConnection,
  type RedisStatus,
} from './redis.provider';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const KEYS = { GATEWAY_TOKEN_SECRETS: 'k1:0123456789abcdef0123456789abcdef' };

describe('REDIS_URL', () => {
  it('is optional (one node) and must be a redis:// or rediss:// URL', () => {
    expect(loadGatewayConfig({}).REDIS_URL).toBe('');
    expect(loadGatewayConfig({ REDIS_URL: 'redis://:pw@10.0.0.5:6379/2', ...KEYS }).REDIS_URL).toBe(
      'redis://:pw@10.0.0.5:6379/2',
    );
    expect(() => loadGatewayConfig({ REDIS_URL: 'http://redis:6379', ...KEYS })).toThrow(
      /REDIS_URL.*must be a redis:\/\/ or rediss:\/\/ URL/s,
    );
  });

  it('needs the token keys set on every node: a key generated per node would be refused by the others', () => {
    expect(() => loadGatewayConfig({ REDIS_URL: 'redis://redis:6379' })).toThrow(
      /GATEWAY_TOKEN_SECRETS.*REDIS_URL is set/s,
    );
    expect(
      loadGatewayConfig({ REDIS_URL: 'redis://redis:6379', GATEWAY_TOKEN_SECRET: 'x'.repeat(32) }).REDIS_URL,
    ).toBe('redis://redis:6379');
  });
});

describeWithRedis('RedisConnection (issue 18 §2, real redis-server)', () => {
  let redis: TestRedis;
  let connection: RedisConnection;
  const statuses: RedisStatus[] = [];

  beforeAll(async () => {
    Logger.overrideLogger(false);
    redis = await startRedis();
    connection = new RedisConnection(redis.url);
    connection.status$.subscribe((s) => statuses.push(s));
    await connection.whenUp();
  });
  afterAll(async () => {
    connection.close();
    await redis.stop();
  });

  it('says up, and the probe answers', async () => {
    expect(statuses).toEqual(['down', 'up']);
    await expect(connection.ping()).resolves.toBeUndefined();
  });

  it('writes the commands of one event-loop turn in one system call, each with its own answer or error', async () => {
    const socket = connection.client.stream as Socket;
    const writes: number[] = [];
    const write = socket._write;
    const writev = socket._writev;
    socket._write = function (chunk, encoding, callback) {
      writes.push(1);
      return write.call(this, chunk, encoding, callback);
    };
    socket._writev = function (chunks, callback) {
      writes.push(chunks.length);
      return writev?.call(this, chunks, callback);
    };
    try {
      await connection.client.set('cork:text', 'not a number');
      writes.length = 0;
      const answers = await Promise.allSettled([
        ...Array.from({ length: 10 }, (_, i) => connection.client.echo(`m${i}`)),
        connection.client.incr('cork:text'),
        connection.client.get('cork:text'),
      ]);
      expect(writes).toEqual([12]);
      expect(answers.slice(0, 10)).toEqual(
        Array.from({ length: 10 }, (_, i) => ({ status: 'fulfilled', value: `m${i}` })),
      );
      expect(answers[10]).toMatchObject({
        status: 'rejected',
        reason: { message: expect.stringMatching(/not an integer/) },
      });
      expect(answers[11]).toEqual({ status: 'fulfilled', value: 'not a number' });

      // The next turn is written on its own, not held back.
      writes.length = 0;
      await expect(connection.client.echo('later')).resolves.toBe('later');
      expect(writes).toEqual([1]);
    } finally {
      socket._write = write;
      socket._writev = writev;
      await connection.client.del('cork:text');
    }
  });

  it('Redis down: status down, commands fail at once with REDIS_UNAVAILABLE; back by itself after a restart', async () => {
    await redis.kill('SIGKILL');
    for (let i = 0; i < 100 && connection.isUp; i++) await sleep(10);
    expect(statuses.at(-1)).toBe('down');
    const started = Date.now();
    await expect(connection.ping()).rejects.toMatchObject({
      code: REDIS_UNAVAILABLE,
      message: expect.stringMatching(/^Redis cannot be reached/),
    });
    expect(Date.now() - started).toBeLessThan(100);

    await redis.restart();
    const restarted = Date.now();
    await connection.whenUp(5000);
    // The reconnect back-off is capped at 2 s (plus jitter).
    expect(Date.now() - restarted).toBeLessThan(2200);
    expect(statuses.slice(-2)).toEqual(['down', 'up']);
    await expect(connection.ping()).resolves.toBeUndefined();
  });

  /** The event loop stands still past both time-outs, as a node does under SIGSTOP or a long GC pause. */
  const stall = () => {
    const until = Date.now() + REDIS_SOCKET_TIMEOUT_MS + 1000;
    while (Date.now() < until);
  };
  const stalls = [
    // Sent; its answer reaches the socket while the node stands still.
    { when: 'a command waits', before: () => new Promise((r) => setImmediate(r)), sendOnWaking: false },
    // Still corked (the turn's writes leave at its end): it leaves on waking, its answer has not come yet.
    { when: 'a command is about to leave', before: () => undefined, sendOnWaking: false },
    // Nothing waits; the node sends as it wakes (its overdue timers: heartbeats, lease renewals).
    { when: 'nothing waits', before: () => sleep(150), sendOnWaking: true },
  ];

  it.each(stalls)(
    "this node's own stall (a long GC pause, SIGSTOP) while $when is not Redis's silence: answered, the connection stays",
    async ({ before, sendOnWaking }) => {
      const seenBefore = statuses.length;
      let waiting = sendOnWaking ? null : connection.client.echo('answered');
      await before();
      stall();
      if (sendOnWaking) waiting = connection.client.echo('answered');
      await expect(waiting).resolves.toBe('answered');
      await sleep(300);
      expect(statuses.slice(seenBefore)).toEqual([]);
      await expect(connection.ping()).resolves.toBeUndefined();
    },
  );

  it('a frozen Redis (SIGSTOP) fails commands within the 1 s command time-out', async () => {
    await redis.kill('SIGSTOP');
    const started = Date.now();
    await expect(connection.ping()).rejects.toMatchObject({ code: REDIS_UNAVAILABLE });
    expect(Date.now() - started).toBeLessThan(1500);
    await redis.kill('SIGCONT');
    await connection.whenUp(5000);
    await expect(connection.ping()).resolves.toBeUndefined();
  });

  it('a frozen Redis: no command waits past the time-out, through the reconnects its silence causes', async () => {
    await redis.kill('SIGSTOP');
    const waited: number[] = [];
    try {
      // Past the socket time-out: the connection is dropped, made again (the kernel still accepts) and its
      // ready check waits too; a command sent again after the reconnect must still fail in time.
      for (const end = Date.now() + REDIS_SOCKET_TIMEOUT_MS + 2500; Date.now() < end;) {
        const sent = Date.now();
        await expect(connection.ping()).rejects.toMatchObject({ code: REDIS_UNAVAILABLE });
        waited.push(Date.now() - sent);
        await sleep(150);
      }
    } finally {
      await redis.kill('SIGCONT');
    }
    expect(Math.max(...waited)).toBeLessThan(1500);
    await connection.whenUp(5000);
    await expect(connection.ping()).resolves.toBeUndefined();
  });

  it('a black-holed route (no reset, no close): the connection counts as lost, then back once bytes flow', async () => {
    const gate = await new TcpGate({ host: '127.0.0.1', port: redis.port }).open();
    const holed = new RedisConnection(`redis://127.0.0.1:${gate.port}`);
    const seen: RedisStatus[] = [];
    holed.status$.subscribe((s) => seen.push(s));
    try {
      await holed.whenUp(5000);
      gate.hang();
      const started = Date.now();
      // A node's commands keep coming (heartbeats, commits); each fails at its own time-out …
      const sending = setInterval(() => void holed.client.ping().catch(() => undefined), 200);
      try {
        for (; holed.isUp && Date.now() - started < 10_000;) await sleep(20);
      } finally {
        clearInterval(sending);
      }
      // … and the silent connection itself is given up on, so the node can say it has no Redis.
      expect(holed.isUp).toBe(false);
      expect(Date.now() - started).toBeLessThan(REDIS_SOCKET_TIMEOUT_MS + 1500);
      gate.release();
      await holed.whenUp(10_000);
      await expect(holed.ping()).resolves.toBeUndefined();
      expect(seen).toEqual(['down', 'up', 'down', 'up']);
    } finally {
      holed.close();
      await gate.cut();
    }
  }, 20_000);

  it('is an upstream of /health/ready: down while Redis is, up again after', async () => {
    const health = new UpstreamHealthService(
      [{ name: 'redis', check: (signal) => connection.ping(signal) }],
      { HEALTH_PROBE_INTERVAL_MS: 60_000, HEALTH_PROBE_TIMEOUT_MS: 1500 } as GatewayConfig,
    );
    await health.round();
    expect(health.snapshot()).toMatchObject({ status: 'ok', upstreams: [{ name: 'redis', status: 'up' }] });
    await redis.kill('SIGKILL');
    for (let i = 0; i < 100 && connection.isUp; i++) await sleep(10);
    await health.round();
    expect(health.snapshot()).toMatchObject({
      status: 'degraded',
      upstreams: [
        { name: 'redis', status: 'down', error: expect.stringMatching(/^Redis cannot be reached/) },
      ],
    });
    await redis.restart();
    await connection.whenUp(5000);
    await health.round();
    expect(health.snapshot().status).toBe('ok');
    health.onModuleDestroy();
  });
});
