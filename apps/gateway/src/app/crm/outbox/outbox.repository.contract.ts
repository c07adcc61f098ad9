import type { OutboxItem, OutboxRepository } from './outbox.repository';

const T0 = 1_000_000;

/** An item as the contract compares it: without the claim a shared outbox adds. */
const plain = ({ claim: _claim, ...item }: OutboxItem) => item;

/**
 * What any OutboxRepository does (delivered at least once, one pending write
 * per kind and key). Every due() here is settled (completed or retried)
 * before the next one reads the same item, as the worker does, so the suite
 * holds whether or not the outbox claims what it hands out.
 */
export function describeOutboxRepository(make: () => OutboxRepository | Promise<OutboxRepository>): void {
  describe('OutboxRepository contract', () => {
    let outbox: OutboxRepository;
    beforeEach(async () => (outbox = await make()));

    it('merges writes for the same kind and key into one pending write, deeply', async () => {
      await outbox.enqueue('task', 'c-1', { task: { Subject: 'Call', CallType: 'Outbound' } }, T0);
      await outbox.enqueue('task', 'c-1', { task: { CallDisposition: 'Sale' }, ownerEmail: 'a@x' }, T0);
      await outbox.enqueue('fields', 'c-1', { values: { Phone: '1' } }, T0);
      const due = await outbox.due(T0, 10);
      expect(due).toHaveLength(2);
      expect(plain(due.find((i) => i.kind === 'task') as OutboxItem)).toEqual({
        kind: 'task',
        key: 'c-1',
        payload: {
          task: { Subject: 'Call', CallType: 'Outbound', CallDisposition: 'Sale' },
          ownerEmail: 'a@x',
        },
        attempts: 0,
        lastError: null,
      });
      expect(await outbox.counts()).toEqual({ pending: 2, dead: 0 });
    });

    it('answers only what is due, soonest first', async () => {
      await outbox.enqueue('task', 'c-1', {}, T0);
      await outbox.enqueue('task', 'c-2', {}, T0 + 1);
      await outbox.enqueue('task', 'c-3', {}, T0 + 5_000);
      expect((await outbox.due(T0 + 10, 10)).map((i) => i.key)).toEqual(['c-1', 'c-2']);
    });

    it('answers at most `limit`', async () => {
      await outbox.enqueue('task', 'c-1', {}, T0);
      await outbox.enqueue('task', 'c-2', {}, T0 + 1);
      expect((await outbox.due(T0 + 10, 1)).map((i) => i.key)).toEqual(['c-1']);
    });

    it('completes a write only if nothing was merged into it meanwhile', async () => {
      await outbox.enqueue('task', 'c-1', { task: { Subject: 'Call' } }, T0);
      const [item] = await outbox.due(T0, 10);
      await outbox.enqueue('task', 'c-1', { task: { CallDisposition: 'Sale' } }, T0);
      expect(await outbox.complete(item)).toBe(false);
      const [merged] = await outbox.due(T0, 10);
      expect(merged.payload).toEqual({ task: { Subject: 'Call', CallDisposition: 'Sale' } });
      expect(await outbox.complete(merged)).toBe(true);
      expect(await outbox.counts()).toEqual({ pending: 0, dead: 0 });
      expect(await outbox.due(T0, 10)).toEqual([]);
    });

    it('counts failed attempts, parks a dead write, and makes writes due again', async () => {
      await outbox.enqueue('task', 'refused', {}, T0);
      await outbox.enqueue('task', 'unreachable', {}, T0);
      const [refused, unreachable] = await outbox.due(T0, 10);
      await outbox.retry(refused, T0 + 60_000, 'bad value', true);
      await outbox.retry(unreachable, T0 + 60_000, 'no route', false, 'unreachable');
      expect(await outbox.counts()).toEqual({ pending: 1, dead: 1 });
      expect(await outbox.due(T0 + 1_000, 10)).toEqual([]);
      expect(await outbox.makeUnreachableDue(T0 + 1_000)).toBe(1);
      const [again] = await outbox.due(T0 + 1_000, 10);
      expect(plain(again)).toEqual({
        kind: 'task',
        key: 'unreachable',
        payload: {},
        attempts: 1,
        lastError: 'no route',
      });
      // Still unreachable: it waits again, and the operator's "retry now" brings both back.
      await outbox.retry(again, T0 + 60_000, 'no route', false, 'unreachable');
      expect(await outbox.makeAllDue(T0 + 2_000)).toBe(2);
      expect((await outbox.due(T0 + 2_000, 10)).map((i) => [i.key, i.attempts]).sort()).toEqual([
        ['refused', 0],
        ['unreachable', 0],
      ]);
      expect(await outbox.counts()).toEqual({ pending: 2, dead: 0 });
    });

    it('a merge into a parked write makes it due again, from attempt 0', async () => {
      await outbox.enqueue('task', 'c-1', { a: 1 }, T0);
      const [item] = await outbox.due(T0, 10);
      await outbox.retry(item, T0 + 60_000, 'bad value', true);
      await outbox.enqueue('task', 'c-1', { b: 2 }, T0 + 10);
      expect(await outbox.counts()).toEqual({ pending: 1, dead: 0 });
      const [merged] = await outbox.due(T0 + 10, 10);
      expect(plain(merged)).toEqual({
        kind: 'task',
        key: 'c-1',
        payload: { a: 1, b: 2 },
        attempts: 0,
        lastError: 'bad value',
      });
    });
  });
}
