import { Logger } from '@nestjs/common';
import { BehaviorSubject } from 'rxjs';
import { describeWithRedis, startRedis, type TestRedis } from '@puente/server-kit/testing';
import { RedisAgentOwnership } from '../events/cluster/redis-agent-ownership';
import { elapsedUntil } from '../../testing/ledger';
import { AgentOwners } from './agent-owners';
import { RedisConnection } from './redis.provider';

const TIMING = { heartbeatTtlMs: 2000, roundMs: 400, verifyMs: 2000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Issue 18 §2: exactly one node follows each agent. Three "nodes" (each its
 * own connection and ownership keeper) on a real redis-server; a node dies
 * by stopping its rounds without a word (as kill -9 leaves it).
 */
jest.setTimeout(30_000);

describeWithRedis('agent owners: claims, fencing and takeover (issue 18 §2, real redis-server)', () => {
  let redis: TestRedis;
  const connections: RedisConnection[] = [];
  const keepers: RedisAgentOwnership[] = [];

  async function node(
    name: string,
    dialer = new BehaviorSubject<'up' | 'down'>('up'),
  ): Promise<RedisAgentOwnership> {
    const connection = new RedisConnection(redis.url, name);
    connections.push(connection);
    await connection.whenUp();
    const keeper = new RedisAgentOwnership(connection, TIMING, name, dialer);
    keeper.onApplicationBootstrap();
    keepers.push(keeper);
    return keeper;
  }

  /** What kill -9 leaves: no more heartbeats, no goodbye. */
  function crash(keeper: RedisAgentOwnership, index: number): void {
    (keeper as unknown as { stopped: boolean }).stopped = true;
    connections[index].close();
  }

  beforeAll(async () => {
    Logger.overrideLogger(false);
    redis = await startRedis();
  });
  afterEach(async () => {
    for (const k of keepers.splice(0)) await k.beforeApplicationShutdown().catch(() => undefined);
    for (const c of connections.splice(0)) c.close();
    const flush = new RedisConnection(redis.url, 'flush');
    await flush.whenUp();
    await flush.client.flushall();
    flush.close();
  });
  afterAll(() => redis.stop());

  it("a dead node's agents are taken over within 3 s, each by exactly one survivor", async () => {
    const a = await node('node-a');
    const b = await node('node-b');
    const c = await node('node-c');
    await sleep(TIMING.heartbeatTtlMs + 500); // b and c are past their own start-up wait
    const agents = Array.from({ length: 30 }, (_, i) => `agent-${i}`);
    for (const id of agents) await a.claim(id);
    const gained = new Map<string, string[]>();
    for (const [name, k] of [
      ['b', b],
      ['c', c],
    ] as const)
      k.gained.subscribe((id) => gained.set(id, [...(gained.get(id) ?? []), name]));
    crash(a, 0);
    const tookMs = await elapsedUntil('every agent taken over', () => gained.size === agents.length);
    expect(tookMs).toBeLessThan(3000);
    expect([...gained.values()].every((by) => by.length === 1)).toBe(true);
    for (const id of agents) expect([b.fence(id), c.fence(id)].filter(Boolean)).toHaveLength(1);
  });

  it('a login elsewhere takes the agent: the old holder hears it and its fencing token no longer writes', async () => {
    const a = await node('node-a');
    const b = await node('node-b');
    await a.claim('7');
    const before = a.fence('7');
    const lost: string[] = [];
    a.lost.subscribe((id) => lost.push(id));
    await b.claim('7');
    await elapsedUntil('A hears it lost the agent', () => lost.length === 1);
    expect(a.fence('7')).toBeUndefined();
    const owners = new AgentOwners(connections[1].client, 'node-b', 2000);
    const [live] = await owners.claimsOf(['7']);
    expect(live).toBe(b.fence('7'));
    expect(live).not.toBe(before);
    expect(Number(live?.split('|')[1])).toBeGreaterThan(Number(before?.split('|')[1]));
  });

  it("a released agent is nobody's; a clean stop frees the node's agents at once", async () => {
    const a = await node('node-a');
    const b = await node('node-b');
    await sleep(TIMING.heartbeatTtlMs + 500);
    await a.claim('1');
    await a.claim('2');
    await a.release('1');
    const gained: string[] = [];
    b.gained.subscribe((id) => gained.push(id));
    await a.beforeApplicationShutdown();
    const tookMs = await elapsedUntil("B takes the stopped node's agent", () => gained.length === 1);
    expect(gained).toEqual(['2']);
    expect(tookMs).toBeLessThan(TIMING.heartbeatTtlMs);
  });

  it('a node that took a login before its first heartbeat round and stopped: its agent is taken over', async () => {
    const b = await node('node-b');
    await sleep(TIMING.heartbeatTtlMs + 500);
    // Node A started a moment ago: Redis answered only after its first round, and a login came in.
    const connection = new RedisConnection(redis.url, 'node-a');
    connections.push(connection);
    await connection.whenUp();
    await new AgentOwners(connection.client, 'node-a', TIMING.heartbeatTtlMs).claim('3');
    const gained: string[] = [];
    b.gained.subscribe((id) => gained.push(id));
    connection.close(); // and it is gone before its next round
    const tookMs = await elapsedUntil("B takes the new node's agent", () => gained.length === 1);
    expect(gained).toEqual(['3']);
    expect(tookMs).toBeLessThan(TIMING.heartbeatTtlMs + 2 * TIMING.roundMs);
  });

  it('after Redis comes back, live nodes keep their agents (nobody takes over a node that is only reconnecting)', async () => {
    const a = await node('node-a');
    const b = await node('node-b');
    await sleep(TIMING.heartbeatTtlMs + 500);
    await a.claim('1');
    const moved: string[] = [];
    b.gained.subscribe((id) => moved.push(id));
    a.lost.subscribe((id) => moved.push(`lost ${id}`));
    await redis.kill('SIGSTOP');
    await sleep(TIMING.heartbeatTtlMs + 500);
    await redis.kill('SIGCONT');
    await sleep(TIMING.heartbeatTtlMs * 2);
    expect(moved).toEqual([]);
    expect(a.fence('1')).toBeDefined();
  });

  it('a live node that loses the dialer hands its agents to a node that reaches it, which keeps them', async () => {
    const dialerOfA = new BehaviorSubject<'up' | 'down'>('up');
    const a = await node('node-a', dialerOfA);
    const b = await node('node-b');
    await sleep(TIMING.heartbeatTtlMs + 500);
    for (const id of ['1', '2', '3']) await a.claim(id);
    const lost: string[] = [];
    const gained: string[] = [];
    a.lost.subscribe((id) => lost.push(id));
    b.gained.subscribe((id) => gained.push(id));
    dialerOfA.next('down');
    const tookMs = await elapsedUntil('B takes the agents', () => gained.length === 3);
    expect(tookMs).toBeLessThan(3 * TIMING.roundMs + 500);
    await elapsedUntil('A hears it', () => lost.length === 3);
    expect([...gained].sort()).toEqual(['1', '2', '3']);
    expect(['1', '2', '3'].map((id) => [a.fence(id), b.fence(id) !== undefined])).toEqual([
      [undefined, true],
      [undefined, true],
      [undefined, true],
    ]);
    // A reaches the dialer again: it takes nothing back.
    dialerOfA.next('up');
    await sleep(TIMING.heartbeatTtlMs + 2 * TIMING.roundMs);
    expect(lost).toHaveLength(3);
    expect(['1', '2', '3'].every((id) => b.fence(id) !== undefined)).toBe(true);
  });

  it('a node without the dialer takes no dead node over, and a dialer down for every node moves nobody', async () => {
    const dialerOfA = new BehaviorSubject<'up' | 'down'>('up');
    const dialerOfB = new BehaviorSubject<'up' | 'down'>('down');
    const a = await node('node-a', dialerOfA);
    const b = await node('node-b', dialerOfB);
    const c = await node('node-c');
    await sleep(TIMING.heartbeatTtlMs + 500);
    await a.claim('1');
    await c.claim('2');
    const moved: string[] = [];
    for (const [name, keeper] of [
      ['a', a],
      ['b', b],
    ] as const)
      keeper.gained.subscribe((id) => moved.push(`${name} ${id}`));
    dialerOfA.next('down');
    crash(c, 2);
    await sleep(TIMING.heartbeatTtlMs + 4 * TIMING.roundMs);
    // Nobody reaches the dialer: A keeps its agent, and the dead node's waits for a node that does.
    expect(moved).toEqual([]);
    expect(a.fence('1')).toBeDefined();
    dialerOfB.next('up');
    await elapsedUntil('B takes both', () => moved.length === 2);
    expect([...moved].sort()).toEqual(['b 1', 'b 2']);
  });
});
