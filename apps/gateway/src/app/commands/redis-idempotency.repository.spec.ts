import { Logger } from '@nestjs/common';
import {
  describeIdempotencyRecords,
  describeWithRedis,
  startRedis,
  type TestRedis,
} from '@puente/server-kit/testing';
import { REDIS_UNAVAILABLE, RedisConnection } from '../cluster/redis.provider';
import { RedisIdempotencyRepository } from './redis-idempotency.repository';

const DAY = 24 * 3_600_000;

describeWithRedis('RedisIdempotencyRepository (issue 18 §2, real redis-server)', () => {
  let server: TestRedis;
  let connection: RedisConnection;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    server = await startRedis();
    connection = new RedisConnection(server.url, 'idempotency-spec');
    await connection.whenUp();
  });
  afterAll(async () => {
    connection.close();
    await server.stop();
  });

  describeIdempotencyRecords('RedisIdempotencyRepository', async () => {
    await connection.client.flushall();
    return new RedisIdempotencyRepository(connection.client, DAY);
  });

  it('keeps each answer under puente:idem:<scope>:<key> with the TTL, and expire() empties its index', async () => {
    await connection.client.flushall();
    const records = new RedisIdempotencyRepository(connection.client, 60_000);
    const now = Date.now();
    await records.remember('7', 'abc:def-1', {
      fingerprint: 'f',
      status: 202,
      body: { ok: true },
      createdAt: now,
    });
    const ttl = await connection.client.pttl('puente:idem:7:abc:def-1');
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await records.expire(now + 1);
    expect(await connection.client.exists('puente:idem:7:abc:def-1')).toBe(0);
    expect(await connection.client.zcard('puente:idem-by-age')).toBe(0);
  });

  it('expires more old answers than one batch holds', async () => {
    await connection.client.flushall();
    const records = new RedisIdempotencyRepository(connection.client, DAY);
    for (let i = 0; i < 1200; i++)
      await records.remember('7', `k-${i}`, { fingerprint: 'f', status: 202, body: i, createdAt: 1000 + i });
    await records.expire(2000);
    expect(await connection.client.dbsize()).toBe(200 + 1);
    expect(await records.find('7', 'k-999')).toBeUndefined();
    expect(await records.find('7', 'k-1000')).toMatchObject({ body: 1000 });
  });

  it('Redis stopped: find fails with REDIS_UNAVAILABLE; remember (after the command acted) does not throw', async () => {
    const records = new RedisIdempotencyRepository(connection.client, DAY);
    await server.stop();
    try {
      for (let i = 0; i < 100 && connection.isUp; i++) await new Promise((r) => setTimeout(r, 10));
      await expect(records.find('7', 'k')).rejects.toMatchObject({ code: REDIS_UNAVAILABLE });
      await expect(
        records.remember('7', 'k', { fingerprint: 'f', status: 202, body: null, createdAt: Date.now() }),
      ).resolves.toBeUndefined();
    } finally {
      await server.restart();
      await connection.whenUp(5000);
    }
    expect(await records.find('7', 'k')).toBeUndefined();
  });
});
