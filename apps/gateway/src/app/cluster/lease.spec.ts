import { Logger } from '@nestjs/common';
import { describeWithRedis, startRedis, type TestRedis } from '@puente/server-kit/testing';
import { Redis } from 'ioredis';
import { RedisLeases } from './lease';
import { type LeaseEvent, LeaseKeeper } from './lease-keeper';
import { commandClientOptions } from './redis.provider';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}`);
  return value;
}

async function until(what: string, check: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(10);
  }
  return Date.now() - started;
}

describeWithRedis('Redis lease with a fencing token (issue 18 §2, real redis-server)', () => {
  let redis: TestRedis;
  // Two nodes: each its own connection, as two gateway processes have.
  let nodeA: Redis;
  let nodeB: Redis;
  let a: RedisLeases;
  let b: RedisLeases;
  const keepers: LeaseKeeper[] = [];

  beforeAll(async () => {
    Logger.overrideLogger(false);
    redis = await startRedis();
    nodeA = new Redis(redis.url, commandClientOptions('node-a'));
    nodeB = new Redis(redis.url, commandClientOptions('node-b'));
    for (const c of [nodeA, nodeB]) c.on('error', () => undefined);
    await until('nodes ready', () => nodeA.status === 'ready' && nodeB.status === 'ready', 5000);
    a = new RedisLeases(nodeA);
    b = new RedisLeases(nodeB);
  });
  afterEach(async () => {
    await Promise.all(keepers.splice(0).map((k) => k.stop()));
  });
  afterAll(async () => {
    nodeA.disconnect();
    nodeB.disconnect();
    await redis.stop();
  });

  function keeper(leases: RedisLeases, name: string, holderId: string, ttlMs: number, renewMs?: number) {
    const k = new LeaseKeeper(leases, { name, holderId, ttlMs, renewMs });
    const events: LeaseEvent[] = [];
    k.events$.subscribe((e) => events.push(e));
    keepers.push(k);
    return { k, events };
  }

  it('two holders race for one lease: exactly one wins, tokens only grow', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).acquire('race', `holder-${i}`, 5000)),
    );
    const winners = results.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    const winner = present(winners[0], 'a winner');
    expect(await a.current('race')).toEqual({ holderId: winner.holderId, token: winner.token });
    // Released, the next acquisition gets a larger token.
    expect(await b.release(winner)).toBe(true);
    const next = present(await a.acquire('race', 'holder-x', 5000), 'the lease');
    expect(next.token).toBeGreaterThan(winner.token);
  });

  it('renew and release only by the holder', async () => {
    const grant = present(await a.acquire('own', 'node-a', 5000), 'the lease');
    const impostor = { ...grant, holderId: 'node-b' };
    expect(await b.renew(impostor, 60_000)).toBe(false);
    expect(await b.release(impostor)).toBe(false);
    expect(await b.renew({ ...grant, token: grant.token - 1 }, 60_000)).toBe(false);
    expect(await a.renew(grant, 60_000)).toBe(true);
    expect(await nodeA.pttl('puente:lease:own')).toBeGreaterThan(50_000);
    expect(await a.release(grant)).toBe(true);
    expect(await a.current('own')).toBeNull();
  });

  it('a holder that stops renewing loses the lease after ttl; the other takes it within ttl + renew (production figures: 2 s / 600 ms)', async () => {
    const ttlMs = 2000;
    const renewMs = 600;
    const first = keeper(a, 'agent:1001', 'node-a', ttlMs, renewMs);
    first.k.start();
    await until('node A gains', () => first.k.token !== null, 2000);
    const second = keeper(b, 'agent:1001', 'node-b', ttlMs, renewMs);
    second.k.start();
    await sleep(3 * renewMs);
    expect(second.k.token).toBeNull();

    // Node A dies: its timer stops, nothing is released (as a kill -9 leaves it).
    const dying = first.k as unknown as { stopped: boolean; timer: NodeJS.Timeout };
    dying.stopped = true;
    clearTimeout(dying.timer);
    const diedAt = Date.now();
    await until('node B takes over', () => second.k.token !== null, ttlMs + renewMs + 200);
    const takeoverMs = Date.now() - diedAt;
    expect(takeoverMs).toBeLessThan(3000);
    expect(second.events[0]).toEqual({ type: 'gained', token: expect.any(Number) });
    const firstGain = first.events[0];
    expect(firstGain?.type).toBe('gained');
    expect(present(second.k.token, 'a token')).toBeGreaterThan(firstGain?.token ?? Infinity);
    process.stdout.write(
      `lease takeover after holder death: ${takeoverMs} ms (ttl ${ttlMs}, renew ${renewMs})\n`,
    );
  });

  it('a stale token is refused after takeover (fenced write)', async () => {
    const old = present(await a.acquire('fenced', 'node-a', 200), 'the lease');
    expect(await a.checkAndSet('fenced', old.token, 'resource:1', 'from-a-1')).toBe(true);
    await sleep(250);
    const taken = present(await b.acquire('fenced', 'node-b', 5000), 'the lease');
    expect(taken.token).toBeGreaterThan(old.token);
    // Node A woke up from a long pause and still believes it holds the lease.
    expect(await a.checkAndSet('fenced', old.token, 'resource:1', 'from-a-2')).toBe(false);
    expect(await a.renew(old, 5000)).toBe(false);
    expect(await b.checkAndSet('fenced', taken.token, 'resource:1', 'from-b')).toBe(true);
    expect(await nodeA.get('resource:1')).toBe('from-b');
    // Nobody holds it any more: every token is refused.
    await b.release(taken);
    expect(await b.checkAndSet('fenced', taken.token, 'resource:1', 'late')).toBe(false);
  });

  it('Redis restarted: keepers recover by themselves and re-acquire, with larger tokens', async () => {
    const one = keeper(a, 'restart', 'node-a', 600, 200);
    const two = keeper(b, 'restart', 'node-b', 600, 200);
    one.k.start();
    two.k.start();
    await until('one of them holds it', () => one.k.token !== null || two.k.token !== null, 2000);
    const before = Math.max(one.k.token ?? 0, two.k.token ?? 0);

    await redis.kill('SIGKILL');
    await until('the holder says lost', () => one.k.token === null && two.k.token === null, 1500);
    await sleep(500);
    await redis.restart();

    await until('re-acquired after the restart', () => one.k.token !== null || two.k.token !== null, 5000);
    const holders = [one.k.token, two.k.token].filter((t) => t !== null);
    expect(holders).toHaveLength(1);
    // The counter was lost with the restart; tokens still grow (seeded from Redis's clock).
    expect(present(holders[0], 'a holder')).toBeGreaterThan(before);
    const lost = [...one.events, ...two.events].filter((e) => e.type === 'lost');
    expect(lost.length).toBeGreaterThanOrEqual(1);
  });
});
