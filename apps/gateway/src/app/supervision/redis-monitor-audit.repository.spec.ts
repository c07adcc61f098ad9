import { describeWithRedis, startRedis, type TestRedis } from '@puente/server-kit/testing';
import { Redis } from 'ioredis';
import { describeMonitorAuditRepository } from './monitor-audit.repository.contract';
import { RedisMonitorAuditRepository } from './redis-monitor-audit.repository';

describeWithRedis('RedisMonitorAuditRepository (issue 18 §2, real redis-server)', () => {
  let server: TestRedis;
  let client: Redis;
  let other: Redis;

  beforeAll(async () => {
    server = await startRedis();
    client = new Redis(server.url);
    other = new Redis(server.url);
  });
  afterAll(async () => {
    client?.disconnect();
    other?.disconnect();
    await server?.stop();
  });

  describeMonitorAuditRepository(async () => {
    await client.flushall();
    return new RedisMonitorAuditRepository(client);
  });

  it('two nodes writing at once: every id once, increasing in the order Redis took them', async () => {
    await client.flushall();
    const nodes = [new RedisMonitorAuditRepository(client), new RedisMonitorAuditRepository(other)];
    const written = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        nodes[i % 2].record({
          at: new Date().toISOString(),
          supervisorId: `s${i % 2}`,
          supervisorUser: 'sup',
          targetAgentId: '7',
          action: 'start',
          mode: 'listen',
          outcome: 'ok',
          message: null,
        }),
      ),
    );
    const ids = written.map((e) => e.id).sort((a, b) => a - b);
    expect(ids).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const listed = await nodes[1].list({ agentId: '7', limit: 500 });
    expect(listed.map((e) => e.id)).toEqual([...ids].reverse());
  });
});
