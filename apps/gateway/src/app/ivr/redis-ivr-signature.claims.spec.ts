import { Logger } from '@nestjs/common';
import { describeWithRedis, startRedis, type TestRedis } from '@puente/server-kit/testing';
import { REDIS_UNAVAILABLE, RedisConnection } from '../cluster/redis.provider';
import { SqliteStorage } from '../store/sqlite-storage';
import { describeReplayGuard } from './ivr-signature.store.contract';
import { RedisIvrSignatureClaims } from './redis-ivr-signature.claims';
import { SeenSignatures } from './seen-signatures';
import { SqliteIvrSignatureStore } from './sqlite-ivr-signature.store';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeWithRedis('IVR replay guard on Redis (issue 18 §2, real redis-server)', () => {
  let server: TestRedis;
  const connections: RedisConnection[] = [];

  const node = async (): Promise<SeenSignatures> => {
    const connection = new RedisConnection(server.url, `ivr-claims-${connections.length}`);
    connections.push(connection);
    await connection.whenUp();
    const store = new SqliteIvrSignatureStore(new SqliteStorage(':memory:'));
    return new SeenSignatures(store, new RedisIvrSignatureClaims(connection.client));
  };

  beforeAll(async () => {
    Logger.overrideLogger(false);
    server = await startRedis();
  });
  afterAll(async () => {
    for (const c of connections) c.close();
    await server.stop();
  });

  describeReplayGuard('two nodes sharing one Redis', async () => {
    const [a, b] = [await node(), await node()];
    await connections[0].client.flushall();
    return [a, b].map((seen) => (signature: string, keyId: string) => seen.accept(signature, keyId));
  });

  it('SET NX PX: the key holds the IVR key id and expires with the window', async () => {
    const connection = connections[0];
    await connection.client.flushall();
    const claims = new RedisIvrSignatureClaims(connection.client);
    expect(await claims.claim('v1=ttl', 'ivr-7', 200)).toBe(true);
    expect(await connection.client.get('puente:ivr-sig:v1=ttl')).toBe('ivr-7');
    expect(await claims.claim('v1=ttl', 'ivr-7', 200)).toBe(false);
    await sleep(260);
    expect(await claims.claim('v1=ttl', 'ivr-7', 200)).toBe(true);
  });

  it('the window SeenSignatures asks for is the replay window', async () => {
    const seen = await node();
    await seen.accept('v1=window', 'ivr-1');
    const ttl = await connections[0].client.pttl('puente:ivr-sig:v1=window');
    expect(ttl).toBeGreaterThan(SeenSignatures.windowMs - 1000);
    expect(ttl).toBeLessThanOrEqual(SeenSignatures.windowMs);
  });

  it('Redis stopped: a new signature fails with REDIS_UNAVAILABLE (not accepted unchecked)', async () => {
    const seen = await node();
    await server.stop();
    try {
      for (let i = 0; i < 100 && connections.some((c) => c.isUp); i++) await sleep(10);
      await expect(seen.accept('v1=down', 'ivr-1')).rejects.toMatchObject({ code: REDIS_UNAVAILABLE });
    } finally {
      await server.restart();
      for (const c of connections) await c.whenUp(5000);
    }
    expect(await seen.accept('v1=down', 'ivr-1')).toBe(true);
  });
});
