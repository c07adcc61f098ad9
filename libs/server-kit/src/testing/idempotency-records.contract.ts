import type { IdempotencyRecords, RememberedAnswer } from '../lib/idempotency';

const answer = (createdAt: number, body: unknown = { callId: 'c-1' }): RememberedAnswer => ({
  fingerprint: `hash-${createdAt}`,
  status: 202,
  body,
  createdAt,
});

/**
 * The behaviour every IdempotencyRecords store keeps (memory, the gateway's
 * SQLite, and Redis for several nodes: issue 18). `make` returns a fresh,
 * empty store.
 */
export function describeIdempotencyRecords(
  label: string,
  make: () => IdempotencyRecords | Promise<IdempotencyRecords>,
): void {
  describe(`IdempotencyRecords: ${label}`, () => {
    let records: IdempotencyRecords;
    beforeEach(async () => {
      records = await make();
    });

    it('answers a remembered result by scope and key, body and all', async () => {
      await records.remember('7', 'k-1', answer(1_000, { nested: { list: [1, 2] }, text: 'ñ' }));
      expect(await records.find('7', 'k-1')).toEqual(answer(1_000, { nested: { list: [1, 2] }, text: 'ñ' }));
      expect(await records.find('8', 'k-1')).toBeUndefined();
      expect(await records.find('7', 'k-2')).toBeUndefined();
    });

    it('replaces a result remembered again under the same key', async () => {
      await records.remember('7', 'k-1', answer(1_000));
      await records.remember('7', 'k-1', { ...answer(2_000), status: 409 });
      expect(await records.find('7', 'k-1')).toEqual({ ...answer(2_000), status: 409 });
    });

    it('forgets results older than the cut, keeping the rest', async () => {
      await records.remember('7', 'old', answer(1_000));
      await records.remember('7', 'new', answer(5_000));
      await records.expire(5_000);
      expect(await records.find('7', 'old')).toBeUndefined();
      expect(await records.find('7', 'new')).toEqual(answer(5_000));
    });
  });
}
