import { describeWithRedis, startRedis, type TestRedis } from '@puente/server-kit/testing';
import { Logger } from '@nestjs/common';
import { REDIS_UNAVAILABLE, RedisConnection } from '../../cluster/redis.provider';
import { describeAttemptStore } from './attempt-store.contract';
import { RedisAttemptStore } from './redis-attempt-store';

describeWithRedis('RedisAttemptStore (issue 18 §2, real redis-server)', () => {
  let server: TestRedis;
  let connection: RedisConnection;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    server = await startRedis();
    connection = new RedisConnection(server.url, 'attempt-store-spec');
    await connection.whenUp();
  });
  afterAll(async () => {
    connection.close();
    await server.stop();
  });

  // Real time: the store counts with Redis's TTLs, so the test waits them out.
  describeAttemptStore(async () => {
    await connection.client.flushall();
    return {
      store: new RedisAttemptStore(connection.client),
      advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      slackMs: 50,
    };
  });

  it('two nodes count one key together', async () => {
    await connection.client.flushall();
    const other = new RedisConnection(server.url, 'attempt-store-spec-b');
    await other.whenUp();
    try {
      const a = new RedisAttemptStore(connection.client);
      const b = new RedisAttemptStore(other.client);
      await a.hit('lockout:user:ana', 60_000, 1, 60_000);
      expect(await b.hit('lockout:user:ana', 60_000, 1, 60_000)).toMatchObject({ hits: 2 });
      expect((await a.peek('lockout:user:ana')).blockedForMs).toBeGreaterThan(59_000);
      expect(await b.clear('lockout:user:ana')).toBe(true);
      expect((await a.peek('lockout:user:ana')).blockedForMs).toBe(0);
    } finally {
      other.close();
    }
  });

  it('Redis frozen: fails with REDIS_UNAVAILABLE within the command time-out, works again after', async () => {
    const store = new RedisAttemptStore(connection.client);
    await server.kill('SIGSTOP');
    try {
      await expect(store.hit('k', 1000, 5, 1000)).rejects.toMatchObject({ code: REDIS_UNAVAILABLE });
    } finally {
      await server.kill('SIGCONT');
    }
    await connection.whenUp(5000);
    await expect(store.peek('k')).resolves.toMatchObject({ blockedForMs: 0 });
  });
});
