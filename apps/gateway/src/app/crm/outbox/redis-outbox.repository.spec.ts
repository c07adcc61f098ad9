import { describeWithRedis, startRedis, type TestRedis } from '@puente/server-kit/testing';
import { Redis } from 'ioredis';
import { describeOutboxRepository } from './outbox.repository.contract';
import { RedisOutboxRepository } from './redis-outbox.repository';

const T0 = 1_000_000;
const CLAIM_MS = 30_000;

describeWithRedis('RedisOutboxRepository (issue 18 §2, real redis-server)', () => {
  let server: TestRedis;
  let client: Redis;
  /** Two nodes' views of the one outbox. */
  let a: RedisOutboxRepository;
  let b: RedisOutboxRepository;

  beforeAll(async () => {
    server = await startRedis();
    client = new Redis(server.url);
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
  });

  describeOutboxRepository(async () => {
    await client.flushall();
    return new RedisOutboxRepository(client, CLAIM_MS);
  });

  describe('claims: one node at a time writes an item', () => {
    beforeEach(async () => {
      await client.flushall();
      a = new RedisOutboxRepository(client, CLAIM_MS);
      b = new RedisOutboxRepository(client, CLAIM_MS);
    });

    it('hands each due write to one node only, however many ask at once', async () => {
      for (let i = 0; i < 40; i++) await a.enqueue('task', `c-${i}`, { i }, T0);
      const batches = await Promise.all([a, b, a, b].map((node) => node.due(T0, 8)));
      const keys = batches.flat().map((item) => item.key);
      expect(keys).toHaveLength(32);
      expect(new Set(keys).size).toBe(32);
      const rest = await b.due(T0, 100);
      expect(rest).toHaveLength(8);
      expect(await a.due(T0, 100)).toEqual([]);
    });

    it("a dead node's claim runs out: another node gets the write, and the late node's outcome is refused", async () => {
      await a.enqueue('task', 'c-1', { task: { Subject: 'Call' } }, T0);
      const [onA] = await a.due(T0, 10);
      expect(await b.due(T0 + CLAIM_MS - 1, 10)).toEqual([]);
      const [onB] = await b.due(T0 + CLAIM_MS, 10);
      expect(onB).toMatchObject({ key: 'c-1', attempts: 0 });
      expect(onB.claim).not.toBe(onA.claim);
      // A wakes up: neither its failure nor its success touches the write B now holds.
      await a.retry(onA, T0 + 99_000, 'late', false, 'unreachable');
      expect(await a.complete(onA)).toBe(false);
      expect(await client.hget('puente:outbox:item:task:c-1', 'claim')).toBe(onB.claim);
      expect(await b.complete(onB)).toBe(true);
      expect(await b.counts()).toEqual({ pending: 0, dead: 0 });
      expect(await client.keys('puente:outbox:item:*')).toEqual([]);
    });

    it('a merge while a node writes waits for that write, then is due at once', async () => {
      await a.enqueue('task', 'c-1', { task: { Subject: 'Call' } }, T0);
      const [onA] = await a.due(T0, 10);
      await b.enqueue('task', 'c-1', { task: { CallDisposition: 'Sale' } }, T0 + 5);
      // Merged, but still A's: B cannot start a second write of the same Task.
      expect(await b.due(T0 + 10, 10)).toEqual([]);
      expect(await a.complete(onA)).toBe(false);
      const [merged] = await b.due(T0 + 10, 10);
      expect(merged.payload).toEqual({ task: { Subject: 'Call', CallDisposition: 'Sale' } });
    });

    it('retry now and "Salesforce answers again" leave a write under way alone', async () => {
      await a.enqueue('task', 'busy', {}, T0);
      await a.enqueue('task', 'waiting', {}, T0);
      const [busy, waiting] = await a.due(T0, 10);
      await a.retry(waiting, T0 + 60_000, 'no route', false, 'unreachable');
      expect(await b.makeUnreachableDue(T0 + 10)).toBe(1);
      expect(await b.makeAllDue(T0 + 10)).toBe(0);
      expect((await b.due(T0 + 10, 10)).map((i) => i.key)).toEqual(['waiting']);
      expect(await a.complete(busy)).toBe(true);
    });

    it('concurrent merges from several nodes all land in the one write', async () => {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? a : b).enqueue('task', 'c-1', { task: { [`F${i}`]: i } }, T0),
        ),
      );
      const [item] = await a.due(T0, 10);
      expect(Object.keys((item.payload as { task: object }).task)).toHaveLength(20);
      expect(await a.counts()).toEqual({ pending: 1, dead: 0 });
    });
  });
});
