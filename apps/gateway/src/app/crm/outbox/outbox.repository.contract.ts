import type { OutboxRepository } from './outbox.repository';

const T0 = 1_000_000;

/** What any OutboxRepository does (delivered at least once, one pending write per kind and key). */
export function describeOutboxRepository(make: () => OutboxRepository): void {
  describe('OutboxRepository contract', () => {
    let outbox: OutboxRepository;
    beforeEach(() => (outbox = make()));

    it('merges writes for the same kind and key into one pending write, deeply', () => {
      outbox.enqueue('task', 'c-1', { task: { Subject: 'Call', CallType: 'Outbound' } }, T0);
      outbox.enqueue('task', 'c-1', { task: { CallDisposition: 'Sale' }, ownerEmail: 'a@x' }, T0);
      outbox.enqueue('fields', 'c-1', { values: { Phone: '1' } }, T0);
      const due = outbox.due(T0, 10);
      expect(due).toHaveLength(2);
      expect(due.find((i) => i.kind === 'task')).toEqual({
        kind: 'task',
        key: 'c-1',
        payload: {
          task: { Subject: 'Call', CallType: 'Outbound', CallDisposition: 'Sale' },
          ownerEmail: 'a@x',
        },
        attempts: 0,
        lastError: null,
      });
      expect(outbox.counts()).toEqual({ pending: 2, dead: 0 });
    });

    it('answers only what is due, at most `limit`', () => {
      outbox.enqueue('task', 'c-1', {}, T0);
      outbox.enqueue('task', 'c-2', {}, T0 + 1);
      outbox.enqueue('task', 'c-3', {}, T0 + 5_000);
      expect(outbox.due(T0 + 10, 1).map((i) => i.key)).toEqual(['c-1']);
      expect(outbox.due(T0 + 10, 10).map((i) => i.key)).toEqual(['c-1', 'c-2']);
    });

    it('completes a write only if nothing was merged into it meanwhile', () => {
      outbox.enqueue('task', 'c-1', { task: { Subject: 'Call' } }, T0);
      const [item] = outbox.due(T0, 10);
      outbox.enqueue('task', 'c-1', { task: { CallDisposition: 'Sale' } }, T0);
      expect(outbox.complete(item)).toBe(false);
      const [merged] = outbox.due(T0, 10);
      expect(outbox.complete(merged)).toBe(true);
      expect(outbox.counts()).toEqual({ pending: 0, dead: 0 });
    });

    it('counts failed attempts, parks a dead write, and makes writes due again', () => {
      outbox.enqueue('task', 'refused', {}, T0);
      outbox.enqueue('task', 'unreachable', {}, T0);
      const [refused, unreachable] = outbox.due(T0, 10);
      outbox.retry(refused, T0 + 60_000, 'bad value', true);
      outbox.retry(unreachable, T0 + 60_000, 'no route', false, 'unreachable');
      expect(outbox.counts()).toEqual({ pending: 1, dead: 1 });
      expect(outbox.due(T0 + 1_000, 10)).toEqual([]);
      expect(outbox.makeUnreachableDue(T0 + 1_000)).toBe(1);
      expect(outbox.due(T0 + 1_000, 10)).toEqual([
        { kind: 'task', key: 'unreachable', payload: {}, attempts: 1, lastError: 'no route' },
      ]);
      expect(outbox.makeAllDue(T0 + 2_000)).toBe(1);
      expect(outbox.due(T0 + 2_000, 10).map((i) => [i.key, i.attempts])).toEqual([
        ['unreachable', 1],
        ['refused', 0],
      ]);
      expect(outbox.counts()).toEqual({ pending: 2, dead: 0 });
    });
  });
}
