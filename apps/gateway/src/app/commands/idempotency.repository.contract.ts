import type { IdempotencyRecord, IdempotencyRepository } from './idempotency.repository';

const record = (createdAt: number, body: unknown = { callId: 'c-1' }): IdempotencyRecord => ({
  requestHash: `hash-${createdAt}`,
  status: 202,
  body,
  createdAt,
});

/** What any IdempotencyRepository does. */
export function describeIdempotencyRepository(make: () => IdempotencyRepository): void {
  describe('IdempotencyRepository contract', () => {
    let repo: IdempotencyRepository;
    beforeEach(() => (repo = make()));

    it('answers a remembered result by scope and key, body and all', async () => {
      await repo.remember('7', 'k-1', record(1_000, { nested: { list: [1, 2] }, text: 'ñ' }));
      expect(await repo.find('7', 'k-1')).toEqual(record(1_000, { nested: { list: [1, 2] }, text: 'ñ' }));
      expect(await repo.find('8', 'k-1')).toBeUndefined();
      expect(await repo.find('7', 'k-2')).toBeUndefined();
    });

    it('replaces a result remembered again under the same key', async () => {
      await repo.remember('7', 'k-1', record(1_000));
      await repo.remember('7', 'k-1', { ...record(2_000), status: 409 });
      expect(await repo.find('7', 'k-1')).toEqual({ ...record(2_000), status: 409 });
    });

    it('forgets results older than the cut, keeping the rest', async () => {
      await repo.remember('7', 'old', record(1_000));
      await repo.remember('7', 'new', record(5_000));
      await repo.expire(5_000);
      expect(await repo.find('7', 'old')).toBeUndefined();
      expect(await repo.find('7', 'new')).toEqual(record(5_000));
    });
  });
}
