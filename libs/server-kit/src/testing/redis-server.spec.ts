import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describeWithRedis } from './describe-with-redis';
import { startRedis, type TestRedis } from './redis-server';

describeWithRedis('startRedis (a real redis-server per test suite)', () => {
  let redis: TestRedis;
  let client: Redis;

  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url, { maxRetriesPerRequest: 1, retryStrategy: () => 50 });
  });
  afterAll(async () => {
    client.disconnect();
    await redis.stop();
  });

  it('answers on its own loopback port, empty and without persistence', async () => {
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(await client.ping()).toBe('PONG');
    expect(await client.dbsize()).toBe(0);
    expect(await client.config('GET', 'save')).toEqual(['save', '']);
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'no']);
  });

  it('restart() comes back on the same port, empty (a Redis restart)', async () => {
    await client.set('k', 'v');
    await redis.restart();
    const again = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    expect(await again.get('k')).toBeNull();
    again.disconnect();
  });

  it('kill("SIGKILL") ends it: commands fail until restart()', async () => {
    await redis.kill('SIGKILL');
    await expect(client.ping()).rejects.toThrow();
    await redis.restart();
    // The client's own reconnect finds the new server.
    for (let i = 0; i < 100 && client.status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await client.ping()).toBe('PONG');
  });

  it('names the process it runs, and the new one after restart() (read from /proc by the benchmarks)', async () => {
    const comm = (pid: number) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    const first = redis.pid;
    expect(comm(first)).toBe('redis-server');
    await redis.restart();
    expect(redis.pid).not.toBe(first);
    expect(comm(redis.pid)).toBe('redis-server');
  });
});

describeWithRedis('startRedis({ appendOnlyDir }) (a Redis that persists, as production runs it)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redis-aof-spec-'));
  let redis: TestRedis;

  beforeAll(async () => {
    redis = await startRedis({ appendOnlyDir: dir });
  });
  afterAll(async () => {
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps its data in an append-only file in that folder, and restart() comes back with it', async () => {
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await client.config('GET', 'dir')).toEqual(['dir', realpathSync(dir)]);
    await client.set('kept', 'v');
    await client.xadd('kept-stream', '1-0', 'f', 'x');
    client.disconnect();
    await redis.restart();
    const again = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    expect(await again.get('kept')).toBe('v');
    expect(await again.xlen('kept-stream')).toBe(1);
    again.disconnect();
  });
});
