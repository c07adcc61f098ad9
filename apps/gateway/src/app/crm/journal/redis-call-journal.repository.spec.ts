import { describeWithRedis, startRedis, type TestRedis } from '@puente/server-kit/testing';
import { Redis } from 'ioredis';
import { CALL_JOURNAL_RETENTION_MS } from './call-journal.repository';
import { describeCallJournalRepository, ended, who } from './call-journal.repository.contract';
import { RedisCallJournalRepository } from './redis-call-journal.repository';

describeWithRedis('RedisCallJournalRepository (issue 18 §2, real redis-server)', () => {
  let server: TestRedis;
  let client: Redis;
  /** A second node's connection. */
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

  describeCallJournalRepository(async () => {
    await client.flushall();
    return new RedisCallJournalRepository(client);
  });

  it('an entry expires by itself CALL_JOURNAL_RETENTION_MS after it was first written', async () => {
    await client.flushall();
    const journal = new RedisCallJournalRepository(client);
    await journal.rememberDialNote('c1', 'a1', 'note');
    await journal.rememberEnded(who('c1'), ended('c1'));
    const ttl = await client.pttl('puente:journal:call:c1');
    expect(ttl).toBeGreaterThan(CALL_JOURNAL_RETENTION_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(CALL_JOURNAL_RETENTION_MS);
    // Gone from Redis (the expiry): no index still names it.
    await client.del('puente:journal:call:c1');
    expect(await journal.lastCallWith('a1', '501')).toBeUndefined();
    expect(
      await journal.release('a1', '501', { categoryId: '4', subcategoryId: null, scheduledFor: null }),
    ).toEqual([]);
    expect(await client.smembers('puente:journal:open:a1')).toEqual([]);
  });

  it('one node journals the call, another finishes it: the notes, the Task and the outcome are there', async () => {
    await client.flushall();
    const a = new RedisCallJournalRepository(client);
    const b = new RedisCallJournalRepository(other);
    await a.rememberDialNote('c1', 'a1', 'asked to be called');
    await a.rememberEnded(who('c1'), ended('c1'));
    await b.rememberWrapUpNote('c1', 'a1', '501', 'pays on Friday');
    const [released] = await b.release('a1', '501', {
      categoryId: '4',
      subcategoryId: '9',
      scheduledFor: null,
    });
    expect(released).toMatchObject({
      callId: 'c1',
      dialNote: 'asked to be called',
      wrapUpNote: 'pays on Friday',
      ended: ended('c1'),
      released: { categoryId: '4', subcategoryId: '9' },
    });
    expect((await a.unfinished()).map((e) => e.callId)).toEqual(['c1']);
    await b.finish('c1');
    expect(await a.unfinished()).toEqual([]);
    // Two nodes releasing the same contact at once: each call is released by one of them.
    await a.rememberEnded(who('c2'), ended('c2'));
    const outcome = { categoryId: null, subcategoryId: null, scheduledFor: null };
    const both = await Promise.all([a.release('a1', '501', outcome), b.release('a1', '501', outcome)]);
    expect(both.flat().map((e) => e.callId)).toEqual(['c2']);
  });
});
