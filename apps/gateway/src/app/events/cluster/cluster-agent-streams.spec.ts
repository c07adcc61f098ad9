import { Logger } from '@nestjs/common';
import {
  type AgentEvent,
  agentEvent,
  initialAgentState,
  reduceAgentState,
  type ResumeResult,
} from '@puente/contracts';
import { describeWithRedis, startRedis, type TestRedis } from '@puente/server-kit/testing';
import { AgentOwners } from '../../cluster/agent-owners';
import { RedisConnection } from '../../cluster/redis.provider';
import { MetricsService } from '../../metrics/metrics.service';
import { input } from '../agent-event-input';
import { AgentOwnership, LocalAgentOwnership } from '../agent-ownership';
import { describeAgentStreams } from '../agent-streams.contract';
import { ClusterAgentStreams } from './cluster-agent-streams';
import { until } from '../../../testing/ledger';
import { CLUSTER_EVENTS_KEY, RedisAgentStreamStore } from './redis-agent-stream.store';

const idle = () => input('agent.state_changed', { activity: 'idle', breakState: null });

/** Holds each load of every stream until the test releases it; fails the tail's next read when asked. */
class HeldLoads {
  private gates: (() => void)[] = [];
  started = 0;
  /** Loads of one agent's stream (not held). */
  single = 0;
  failNextRead = false;
  next(): Promise<void> {
    this.started++;
    return new Promise((resolve) => this.gates.push(resolve));
  }
  release(): void {
    for (const open of this.gates.splice(0)) open();
  }
}

/** What a socket ends up with: the resume answer's seq, then the events shown after it, each once, in order. */
function socketView(answer: ResumeResult, shown: readonly AgentEvent[]): number[] {
  const from = answer.mode === 'snapshot' ? answer.state.seq : (answer.events.at(-1)?.seq ?? 0);
  const seqs = answer.mode === 'replay' ? answer.events.map((e) => e.seq) : [from];
  let last = from;
  for (const e of shown) {
    if (e.seq <= last) continue; // the gateway sends a socket no seq twice (AgentsGateway.show)
    seqs.push(e.seq);
    last = e.seq;
  }
  return seqs;
}

/** A node's ownership that says it holds exactly the claims the test gives it. */
class FixedOwnership extends AgentOwnership {
  readonly settled = Promise.resolve();
  readonly claims = new Map<string, string>();
  readonly refusals: string[] = [];
  claim(): Promise<void> {
    return Promise.resolve();
  }
  release(): Promise<void> {
    return Promise.resolve();
  }
  fence(agentId: string): string | undefined {
    return this.claims.get(agentId);
  }
  refused(agentId: string): void {
    this.refusals.push(agentId);
  }
}

jest.setTimeout(20_000);

describeWithRedis('ClusterAgentStreams (issue 18 §2, real redis-server)', () => {
  let redis: TestRedis;
  const connections: RedisConnection[] = [];
  const nodes: ClusterAgentStreams[] = [];

  async function node(ownership: AgentOwnership = new LocalAgentOwnership()): Promise<ClusterAgentStreams> {
    const streams = await unloadedNode(ownership);
    await streams.loaded;
    return streams;
  }

  /** A node whose loads of every stream wait until the test lets each through (`loads.release()`). */
  async function unloadedNode(ownership: AgentOwnership = new LocalAgentOwnership(), loads?: HeldLoads) {
    const connection = new RedisConnection(redis.url, `node-${nodes.length}`);
    connections.push(connection);
    await connection.whenUp();
    const store = new RedisAgentStreamStore(connection.client, 100, 60_000);
    if (loads) {
      const loadAll = store.loadAll.bind(store);
      store.loadAll = async () => {
        await loads.next();
        return loadAll();
      };
      const load = store.load.bind(store);
      store.load = (agentId) => {
        loads.single++;
        return load(agentId);
      };
      const readAfter = store.readAfter.bind(store);
      store.readAfter = async (...args) => {
        const read = await readAfter(...args);
        if (!loads.failNextRead) return read;
        loads.failNextRead = false;
        throw new Error('Connection is closed.');
      };
    }
    const streams = new ClusterAgentStreams(store, connection, ownership, new MetricsService());
    streams.onModuleInit();
    nodes.push(streams);
    return streams;
  }

  /** A node loaded at once whose loads the test can count (HeldLoads), and fail its tail's next read. */
  async function watchedNode() {
    const loads = new HeldLoads();
    const b = await unloadedNode(undefined, loads);
    await until('B is loading', () => loads.started === 1);
    loads.release();
    await b.loaded;
    return { b, loads };
  }

  beforeAll(async () => {
    Logger.overrideLogger(false);
    redis = await startRedis();
  });

  afterEach(async () => {
    for (const n of nodes.splice(0)) await n.onApplicationShutdown();
    for (const c of connections.splice(0)) c.close();
    const flush = new RedisConnection(redis.url, 'flush');
    await flush.whenUp();
    await flush.client.flushall();
    flush.close();
  });

  afterAll(() => redis.stop());

  describeAgentStreams(() => node());

  it('two nodes appending to one agent at once: every seq given once, in order, and both mirrors agree', async () => {
    const a = await node();
    const b = await node();
    const committed: AgentEvent[] = [];
    for (const n of [a, b]) n.published.subscribe((e) => committed.push(e));
    for (let i = 0; i < 40; i++) (i % 2 ? a : b).append('7', [idle(), idle()]);
    await Promise.all([a.settled('7'), b.settled('7')]);
    expect(committed.map((e) => e.seq).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 80 }, (_, i) => i + 1),
    );
    const replay = await b.resume('7', 0 + 1);
    expect(replay.mode === 'replay' && replay.events.length).toBe(79);
    await until('mirrors agree', () => a.state('7').agentId === '7' && a.dialerSeq('7') === b.dialerSeq('7'));
    const seenOnA: number[] = [];
    a.observed.subscribe((e) => seenOnA.push(e.seq));
    b.append('7', [idle()]);
    await until("A shows B's event", () => seenOnA.includes(81));
    expect(seenOnA).toEqual([81]);
  });

  it('two nodes appending to one agent at once: each node shows every event once, in order (a lost race skips nothing)', async () => {
    const a = await node();
    const b = await node();
    const shown = { a: [] as number[], b: [] as number[] };
    a.observed.subscribe((e) => shown.a.push(e.seq));
    b.observed.subscribe((e) => shown.b.push(e.seq));
    for (let i = 0; i < 40; i++) (i % 2 ? a : b).append('7', [idle(), idle()]);
    await Promise.all([a.settled('7'), b.settled('7')]);
    const all = Array.from({ length: 80 }, (_, i) => i + 1);
    // A node that skips events never gets to 80: the comparison below then says which.
    await until('both show all 80', () => shown.a.length >= 80 && shown.b.length >= 80).catch(
      () => undefined,
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(shown).toEqual({ a: all, b: all });
  });

  it("folds another node's commits onto its mirror: the stream Redis holds, sharing what they left unchanged (issue 18 §3)", async () => {
    const a = await node();
    const b = await node();
    const session = {
      user: 'u7',
      device: 'd7',
      displayName: 'Agent 7',
      email: null,
      roles: ['agent' as const],
    };
    a.append('7', [input('agent.logged_in', session)], 3);
    a.append('7', [
      input('agent.campaign_joined', { campaignId: 'c1', campaignName: 'Ventas', dialerMode: 'predictive' }),
    ]);
    await a.settled('7');
    await until('B has the campaign', () => b.state('7').campaign?.id === 'c1');
    const before = b.state('7');
    a.append('7', [idle()], 9);
    a.resync('7', [], { seq: 2, epoch: 'run-2', instanceId: 'dialer-b' });
    await a.settled('7');
    await until('B has the new cursor', () => b.dialerCursor('7').epoch === 'run-2');
    const store = new RedisAgentStreamStore(connections[0].client, 100, 60_000);
    const inRedis = (await store.load('7'))?.stream;
    expect(inRedis?.seq).toBe(3);
    expect({ state: b.state('7'), cursor: b.dialerCursor('7') }).toEqual({
      state: inRedis?.state,
      cursor: { seq: 2, epoch: 'run-2', instanceId: 'dialer-b' },
    });
    // Folded, not parsed again: the session object the events left alone is the one B had.
    expect(b.state('7').session).toBe(before.session);
  });

  it('commits carry their events and dialer cursor, not the whole stream (issue 18 §3)', async () => {
    const a = await node();
    a.append('7', [idle(), idle()], 5);
    await a.settled('7');
    const entries = await connections[0].client.xrange(CLUSTER_EVENTS_KEY, '-', '+');
    const fields = Object.fromEntries(
      entries[0][1].flatMap((value, i, all) => (i % 2 ? [] : [[value, all[i + 1]]])),
    ) as Record<string, string>;
    expect(Object.keys(fields).sort()).toEqual(['a', 'c', 'e', 'r']);
    expect(JSON.parse(fields['e']).map((e: AgentEvent) => e.seq)).toEqual([1, 2]);
    expect(JSON.parse(fields['c'])).toEqual({ dialerSeq: 5, dialerEpoch: null, dialerInstanceId: null });
  });

  it("commits by the script's hash: its text goes to Redis once per connection, not with every event (issue 18 §3)", async () => {
    const a = await node();
    const admin = connections[0].client;
    await admin.config('RESETSTAT');
    for (let i = 0; i < 10; i++) {
      a.append('7', [idle()], i + 1);
      await a.settled('7');
    }
    const stats = await admin.info('commandstats');
    expect((await new RedisAgentStreamStore(admin, 100, 60_000).load('7'))?.stream.seq).toBe(10);
    const calls = (command: string) =>
      Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(stats)?.[1] ?? 0);
    expect({ eval: calls('eval'), evalsha: calls('evalsha') }).toEqual({ eval: 1, evalsha: 9 });
  });

  /**
   * Writes what a commit of `seqs` leaves in Redis, as if another node made it: the stream hash,
   * the kept events and the commit's entry, with the cursor as commits carry it now, or (`'earlier
   * build'`) with the whole stream and no cursor.
   */
  async function commitBehindTheMirror(
    agentId: string,
    seqs: number[],
    rev: number,
    as: 'now' | 'earlier build',
  ) {
    const at = new Date().toISOString();
    const events = seqs.map((seq) =>
      agentEvent('agent.state_changed', { seq, at, agentId }, { activity: 'idle', breakState: null }),
    );
    const state = events.reduce(reduceAgentState, initialAgentState(agentId));
    const cursor = { dialerSeq: 4, dialerEpoch: 'e1', dialerInstanceId: null };
    const stream = { agentId, seq: seqs.at(-1), ...cursor, state };
    const client = connections[0].client;
    await client.hset(`puente:agent:${agentId}:stream`, 'rev', String(rev), 'json', JSON.stringify(stream));
    for (const e of events)
      await client.xadd(`puente:agent:${agentId}:events`, `${e.seq}-0`, 'e', JSON.stringify(e));
    const committed = ['r', String(rev), 'e', JSON.stringify(events.slice(-1))];
    const fields =
      as === 'now'
        ? [...committed, 'a', agentId, 'c', JSON.stringify(cursor)]
        : ['s', JSON.stringify(stream), ...committed];
    await client.xadd(CLUSTER_EVENTS_KEY, '*', ...fields);
    return stream;
  }

  it('a node that missed a commit loads the stream from Redis and shows every event it had not shown', async () => {
    const a = await node();
    const b = await node();
    const shown: number[] = [];
    b.observed.subscribe((e) => shown.push(e.seq));
    a.append('8', [idle()]);
    await a.settled('8');
    await until('B has seq 1', () => shown.includes(1));
    // Revisions 2 and 3 committed, only the commit of 3 read (2 trimmed away before B read it).
    await commitBehindTheMirror('8', [2, 3], 3, 'now');
    await until('B shows seq 3', () => shown.includes(3));
    expect(shown).toEqual([1, 2, 3]);
    expect(b.dialerCursor('8')).toEqual({ seq: 4, epoch: 'e1', instanceId: null });
  });

  it("folds an agent's first commit too: a node does not load from Redis each agent it has never seen", async () => {
    const a = await node();
    const { b, loads } = await watchedNode();
    a.append('10', [idle()], 2);
    await a.settled('10');
    await until('B has the commit', () => b.state('10').activity === 'idle');
    expect(b.dialerCursor('10')).toEqual({ seq: 2, epoch: null, instanceId: null });
    expect(loads.single).toBe(0);
  });

  it('takes in a commit written without its cursor (by a node of an earlier build, in a rolling upgrade)', async () => {
    const b = await node();
    const stream = await commitBehindTheMirror('9', [1], 1, 'earlier build');
    await until('B has the commit', () => b.state('9').activity === 'idle');
    expect({ state: b.state('9'), cursor: b.dialerCursor('9') }).toEqual({
      state: stream.state,
      cursor: { seq: 4, epoch: 'e1', instanceId: null },
    });
  });

  it('a panel resuming on a node that has not loaded the streams yet misses nothing after its answer', async () => {
    const a = await node();
    a.append('5', [idle(), idle()]);
    await a.settled('5');
    const loads = new HeldLoads();
    const b = await unloadedNode(undefined, loads);
    await until('B is loading', () => loads.started === 1);
    // The socket is in the agent's room from here on: it sees what B shows.
    const shown: AgentEvent[] = [];
    b.observed.subscribe((e) => shown.push(e));
    const answer = b.resume('5', 0);
    await new Promise((r) => setTimeout(r, 100));
    a.append('5', [idle(), idle()]);
    await a.settled('5');
    loads.release();
    await b.loaded;
    a.append('5', [idle()]);
    await a.settled('5');
    await until('B shows seq 5', () => shown.some((e) => e.seq === 5));
    const view = socketView(await answer, shown);
    expect(view).toEqual(Array.from({ length: 6 - view[0] }, (_, i) => view[0] + i));
  });

  it('streams that began while a node was reloading (its tail lost Redis) are shown from their first event', async () => {
    const a = await node();
    const { b, loads } = await watchedNode();
    const shown: number[] = [];
    b.observed.subscribe((e) => e.agentId === '6' && shown.push(e.seq));
    loads.failNextRead = true; // as when the tail's connection drops: its read fails
    await until('B reloads', () => loads.started === 2);
    a.append('6', [idle(), idle(), idle()]);
    await a.settled('6');
    loads.release();
    a.append('6', [idle()]);
    await a.settled('6');
    await until('B shows seq 4', () => shown.includes(4));
    expect(shown).toEqual([1, 2, 3, 4]);
  });

  it('an event is acted on by the node that committed it only, and shown on every node once', async () => {
    const a = await node();
    const b = await node();
    const acted = { a: 0, b: 0 };
    const shown = { a: 0, b: 0 };
    a.published.subscribe(() => acted.a++);
    b.published.subscribe(() => acted.b++);
    a.observed.subscribe(() => shown.a++);
    b.observed.subscribe(() => shown.b++);
    a.append('9', [idle(), idle(), idle()]);
    await a.settled('9');
    await until('B shows them', () => shown.b === 3);
    await new Promise((r) => setTimeout(r, 200));
    expect({ acted, shown }).toEqual({ acted: { a: 3, b: 0 }, shown: { a: 3, b: 3 } });
  });

  it('resumes and a takeover catch-up read Redis without skipping any event on the node (issue 18 §3)', async () => {
    const a = await node();
    const b = await node();
    const shown: number[] = [];
    b.observed.subscribe((e) => shown.push(e.seq));
    for (let i = 0; i < 40; i++) {
      a.append('9', [idle()]);
      await a.settled('9');
      // A panel resuming on B, and B catching up to take the agent over, while A commits.
      await (i % 2 ? b.resume('9', 0) : b.catchUp('9'));
    }
    await until('B shows all 40', () => shown.length >= 40);
    await new Promise((r) => setTimeout(r, 200));
    expect(shown).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('a node that lost the agent cannot write its dialer updates (fenced), and is told so', async () => {
    const connection = new RedisConnection(redis.url, 'owners');
    connections.push(connection);
    await connection.whenUp();
    const ownersA = new AgentOwners(connection.client, 'node-a', 2000);
    const ownersB = new AgentOwners(connection.client, 'node-b', 2000);
    const ownershipA = new FixedOwnership();
    const a = await node(ownershipA);
    ownershipA.claims.set('7', (await ownersA.claim('7')) ?? '');
    a.append('7', [idle()], 1, 'update');
    await a.settled('7');
    await ownersB.claim('7'); // B takes the agent; A has not heard yet.
    a.append('7', [idle()], 2, 'update');
    await a.settled('7');
    expect(ownershipA.refusals).toEqual(['7']);
    const after = await a.resume('7', 0);
    expect(after.mode === 'snapshot' && after.state.agentId).toBe('7');
    expect(a.dialerSeq('7')).toBe(1);
    const replay = await a.resume('7', 1);
    expect(replay).toEqual({ mode: 'replay', events: [] });
  });

  it('a node started later finds every stream where the others left it', async () => {
    const a = await node();
    a.append('7', [idle(), idle()], 12, 'update');
    a.append('8', [idle()]);
    await Promise.all([a.settled('7'), a.settled('8')]);
    const b = await node();
    await until('B has loaded the streams', () => b.dialerSeq('7') === 12 && b.state('8').agentId === '8');
    b.append('7', [idle()]);
    await b.settled('7');
    expect((await b.resume('7', 2)).mode).toBe('replay');
  });

  it('Redis restarted (empty): appends resume, and nothing is published twice', async () => {
    const a = await node();
    const published: number[] = [];
    a.published.subscribe((e) => published.push(e.seq));
    a.append('7', [idle()]);
    await a.settled('7');
    await redis.restart();
    await connections[0].whenUp(10_000);
    a.append('7', [idle()]);
    await a.settled('7');
    expect(published).toEqual([1, 2]);
  });

  it("Redis restarted (empty): the other nodes' mirrors take the commits that seed it again", async () => {
    const a = await node();
    const b = await node();
    const seenOnB: number[] = [];
    b.observed.subscribe((e) => e.agentId === '7' && seenOnB.push(e.seq));
    a.append('7', [idle(), idle(), idle()]);
    await a.settled('7');
    await until('B mirrors the three events', () => b.state('7').seq === 3);
    await redis.restart();
    await Promise.all(connections.map((c) => c.whenUp(10_000)));
    // Revisions begin again in an empty Redis: B must not take the seeding commit for one it has.
    a.append('7', [idle()]);
    await a.settled('7');
    a.append('7', [input('agent.state_changed', { activity: 'available', breakState: null })]);
    await a.settled('7');
    await until('B mirrors the events after the restart', () => b.state('7').seq === 5, 5000).catch(
      () => undefined,
    );
    expect(seenOnB).toEqual([1, 2, 3, 4, 5]);
    expect(b.state('7')).toEqual(a.state('7'));
  });

  it('Redis back with an older stream (a replica promoted before the last commits reached it): appends go on', async () => {
    const a = await node();
    const b = await node();
    const published: number[] = [];
    a.published.subscribe((e) => e.agentId === '7' && published.push(e.seq));
    a.append('7', [idle()]);
    await a.settled('7');
    const raw = connections[0].client;
    const older = await raw.hgetall('puente:agent:7:stream');
    a.append('7', [idle(), idle()]);
    await a.settled('7');
    await until('B mirrors the three events', () => b.state('7').seq === 3);
    // The promoted replica had the first commit only.
    await raw.hset('puente:agent:7:stream', older);
    a.append('7', [input('agent.state_changed', { activity: 'available', breakState: null })]);
    await a.settled('7');
    expect(published).toEqual([1, 2, 3, 4]);
    await until('B mirrors the fourth event', () => b.state('7').seq === 4, 5000).catch(() => undefined);
    expect(b.state('7')).toEqual(a.state('7'));
    // Three commits (the second carried two events): the third written over the replica's first.
    expect(Number(await raw.hget('puente:agent:7:stream', 'rev'))).toBe(3);
  });
});
