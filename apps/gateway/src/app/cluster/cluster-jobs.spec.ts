import { Logger } from '@nestjs/common';
import { describeWithRedis, startRedis, type TestRedis } from '@puente/server-kit/testing';
import { ClusterJobs } from './cluster-jobs';
import { RedisConnection } from './redis.provider';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Each run's time, per node. */
function recorder(runs: number[]) {
  return { name: 'auto-release', intervalMs: 100, run: () => void runs.push(Date.now()) };
}

describe('ClusterJobs without REDIS_URL (one node)', () => {
  it('runs the job here, every interval', async () => {
    const runs: number[] = [];
    const jobs = new ClusterJobs(null);
    jobs.register(recorder(runs));
    await sleep(350);
    await jobs.stop();
    expect(jobs.runsHere('auto-release')).toBe(false);
    // At once, then every 100 ms.
    expect(runs.length).toBeGreaterThanOrEqual(3);
    const after = runs.length;
    await sleep(250);
    expect(runs).toHaveLength(after);
  });
});

describeWithRedis('ClusterJobs on Redis: once per cluster (issue 18 §2, real redis-server)', () => {
  let redis: TestRedis;
  const stoppers: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    Logger.overrideLogger(false);
    redis = await startRedis();
  });
  afterEach(async () => {
    for (const stop of stoppers.splice(0).reverse()) await stop();
  });
  afterAll(() => redis.stop());

  async function node(id: string) {
    const connection = new RedisConnection(redis.url, id);
    await connection.whenUp();
    const jobs = new ClusterJobs(connection, id);
    const runs: number[] = [];
    jobs.register(recorder(runs));
    stoppers.push(
      () => connection.close(),
      () => jobs.stop(),
    );
    return { connection, jobs, runs };
  }

  it('two nodes: the job runs on exactly one of them', async () => {
    const a = await node('node-a');
    const b = await node('node-b');
    await sleep(1500);
    const counts = [a.runs.length, b.runs.length].sort((x, y) => x - y);
    expect(counts[0]).toBe(0);
    expect(counts[1]).toBeGreaterThanOrEqual(10);
    expect([a.jobs.runsHere('auto-release'), b.jobs.runsHere('auto-release')].sort()).toEqual([false, true]);
  });

  it('the node running it dies: the other runs it within 3 s, never both at once', async () => {
    const a = await node('node-a');
    await sleep(300);
    expect(a.runs.length).toBeGreaterThan(0);
    const b = await node('node-b');
    await sleep(700);
    expect(b.runs).toHaveLength(0);

    // Node A loses Redis for good, as a killed process does: nothing is released, its lease runs out.
    const diedAt = Date.now();
    a.connection.client.disconnect();
    while (b.runs.length === 0 && Date.now() - diedAt < 4000) await sleep(20);
    const takeoverMs = (b.runs[0] ?? Infinity) - diedAt;
    expect(takeoverMs).toBeLessThan(3000);
    // A stopped before B started (it could no longer confirm its lease).
    expect(Math.max(...a.runs)).toBeLessThan(b.runs[0] ?? -Infinity);
    expect(a.jobs.runsHere('auto-release')).toBe(false);
    process.stdout.write(`cluster job moved to the other node after ${takeoverMs} ms\n`);
  });

  it('a clean stop releases the job: the other node takes it on its next try', async () => {
    const a = await node('node-a');
    await sleep(200);
    const b = await node('node-b');
    const stoppedAt = Date.now();
    await a.jobs.stop();
    while (b.runs.length === 0 && Date.now() - stoppedAt < 2000) await sleep(10);
    expect((b.runs[0] ?? Infinity) - stoppedAt).toBeLessThan(800);
  });
});
