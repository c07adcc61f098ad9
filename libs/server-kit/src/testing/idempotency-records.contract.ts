import type { IdempotencyRecords, RememberedAnswer } from '../lib/idempotency';

const answer = (fingerprint: string, createdAt: number, status = 201): RememberedAnswer => ({
  status,
  body: { ok: true, nested: { list: [1, 'two'] } },
  fingerprint,
  createdAt,
});

/**
 * The behaviour every IdempotencyRecords store keeps (memory, SQLite, and
 * Redis for several nodes: issue 18). `make` returns a fresh, empty store
 * whose clock is `now`.
 */
export function describeIdempotencyRecords(
  label: string,
  make: (now: () => number) => IdempotencyRecords | Promise<IdempotencyRecords>,
): void {
  describe(`IdempotencyRecords: ${label}`, () => {
    let clock = 1_000_000;
    const now = () => clock;

    it('finds nothing for a key never used', async () => {
      const records = await make(now);
      expect(await records.find('agent-1', 'k1')).toBeUndefined();
    });

    it('gives back what it remembered, body and all', async () => {
      const records = await make(now);
      await records.remember('agent-1', 'k1', answer('f1', clock));
      expect(await records.find('agent-1', 'k1')).toEqual(answer('f1', clock));
    });

    it('keeps keys apart by scope', async () => {
      const records = await make(now);
      await records.remember('agent-1', 'k1', answer('f1', clock));
      expect(await records.find('agent-2', 'k1')).toBeUndefined();
    });

    it('forgets an answer after a day', async () => {
      const records = await make(now);
      await records.remember('agent-1', 'old', answer('f1', clock));
      clock += 24 * 3_600_000 + 1;
      await records.remember('agent-1', 'new', answer('f2', clock));
      expect(await records.find('agent-1', 'old')).toBeUndefined();
      expect(await records.find('agent-1', 'new')).toBeDefined();
    });
  });
}
