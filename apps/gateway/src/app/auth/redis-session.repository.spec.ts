import { describeWithRedis, startRedis, type TestRedis } from '@puente/server-kit/testing';
import { Redis } from 'ioredis';
import { RedisSessionRepository } from './redis-session.repository';
import { describeSessionRepository } from './session.repository.contract';

describeWithRedis('RedisSessionRepository (issue 18 §2, real redis-server)', () => {
  let server: TestRedis;
  let client: Redis;

  beforeAll(async () => {
    server = await startRedis();
    client = new Redis(server.url);
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
  });

  describeSessionRepository(async () => {
    await client.flushall();
    return new RedisSessionRepository(client);
  });

  it('expires a session, its indexes and all() with the refresh token', async () => {
    await client.flushall();
    const repo = new RedisSessionRepository(client);
    const expiresAt = Date.now() + 300;
    await repo.put({
      sessionId: 's-ttl',
      agentId: '9',
      user: 'u',
      displayName: 'U',
      email: null,
      device: '2001',
      roles: ['agent'],
      dialerToken: 'd',
      refreshHash: 'h-ttl',
      refreshExpiresAt: expiresAt,
      createdAt: 1,
    });
    expect(await client.pttl('puente:session-refresh:h-ttl')).toBeGreaterThan(0);
    expect(await repo.rotate('s-ttl', 'h-ttl', 'h-ttl2')).toBe(true);
    expect(await client.pttl('puente:session-refresh:h-ttl2')).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 400));
    expect(await repo.get('s-ttl')).toBeUndefined();
    expect(await repo.byAgent('9')).toBeUndefined();
    expect(await repo.byRefresh('h-ttl2')).toBeUndefined();
    expect(await repo.all()).toEqual([]);
  });
});
