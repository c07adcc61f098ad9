import { describeWithRedis, startRedis, type TestRedis } from '@puente/server-kit/testing';
import { Redis } from 'ioredis';
import { RedisSettingsRepository } from './redis-settings.repository';
import { describeSettingsRepository } from './settings.repository.contract';

const SESSION_TTL_MS = 12 * 3_600_000;

describeWithRedis('RedisSettingsRepository (issue 18 §2, real redis-server)', () => {
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

  describeSettingsRepository(async () => {
    await client.flushall();
    return new RedisSettingsRepository(client, SESSION_TTL_MS);
  });

  it("a session's Salesforce settings end with the longest a session lives; a user's panel settings stay", async () => {
    await client.flushall();
    const repo = new RedisSettingsRepository(client, SESSION_TTL_MS);
    await repo.saveSalesforceSettings('s-1', { callCenter: null, softphoneLayout: null });
    await repo.savePanelSettings('ana', { width: 320, height: 560, autoMinimize: false, locale: 'es' });
    const ttl = await client.pttl('puente:settings:salesforce:s-1');
    expect(ttl).toBeGreaterThan(SESSION_TTL_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(SESSION_TTL_MS);
    expect(await client.pttl('puente:settings:panel:ana')).toBe(-1);
  });
});
