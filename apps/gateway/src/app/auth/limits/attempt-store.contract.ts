import type { AttemptCount, AttemptStore } from './attempt-store';

/** A store under test, and how to let time pass for it (a test clock, or real time for Redis). */
export interface AttemptStoreUnderTest {
  store: AttemptStore;
  advance(ms: number): Promise<void>;
  /** How far a remaining time may fall short of the exact value (0 on a test clock; real time moves on). */
  slackMs: number;
}

const WINDOW = 300;
const BLOCK = 1500;
/** Steps end this far past a boundary, so a store on real time is surely past it too. */
const PAST = 60;

/**
 * What any AttemptStore does (issue 14 §5; the Redis store of issue 18 §2
 * runs the same cases): a fixed window opened by the first hit, a block
 * past the limit, nothing counted while blocked, a fresh start after.
 */
export function describeAttemptStore(
  make: () => Promise<AttemptStoreUnderTest> | AttemptStoreUnderTest,
): void {
  describe('AttemptStore contract', () => {
    let t: AttemptStoreUnderTest;
    beforeEach(async () => {
      t = await make();
    });

    const near = (actual: AttemptCount, expected: AttemptCount) => {
      expect(actual.hits).toBe(expected.hits);
      for (const field of ['blockedForMs', 'resetsInMs'] as const) {
        expect(actual[field]).toBeLessThanOrEqual(expected[field]);
        expect(actual[field]).toBeGreaterThanOrEqual(Math.max(0, expected[field] - t.slackMs));
      }
    };

    it('counts within a window and forgets when it ends', async () => {
      near(await t.store.hit('k', WINDOW, 3, BLOCK), { hits: 1, blockedForMs: 0, resetsInMs: WINDOW });
      await t.advance(100);
      near(await t.store.hit('k', WINDOW, 3, BLOCK), { hits: 2, blockedForMs: 0, resetsInMs: WINDOW - 100 });
      await t.advance(WINDOW - 100 + PAST);
      expect(await t.store.peek('k')).toEqual({ hits: 0, blockedForMs: 0, resetsInMs: 0 });
      near(await t.store.hit('k', WINDOW, 3, BLOCK), { hits: 1, blockedForMs: 0, resetsInMs: WINDOW });
    });

    it('blocks on the attempt past the limit, counts nothing while blocked, starts afresh after', async () => {
      for (let i = 0; i < 2; i++) expect((await t.store.hit('k', WINDOW, 2, BLOCK)).blockedForMs).toBe(0);
      near(await t.store.hit('k', WINDOW, 2, BLOCK), { hits: 3, blockedForMs: BLOCK, resetsInMs: WINDOW });
      await t.advance(WINDOW + PAST);
      const blocked = await t.store.hit('k', WINDOW, 2, BLOCK);
      expect(blocked.hits).toBe(3);
      expect(blocked.blockedForMs).toBeLessThanOrEqual(BLOCK - WINDOW - PAST);
      expect(blocked.blockedForMs).toBeGreaterThanOrEqual(BLOCK - WINDOW - PAST - t.slackMs);
      expect((await t.store.peek('k')).blockedForMs).toBeGreaterThan(0);
      await t.advance(BLOCK - WINDOW);
      near(await t.store.hit('k', WINDOW, 2, BLOCK), { hits: 1, blockedForMs: 0, resetsInMs: WINDOW });
    });

    it('a block that ends within the window still starts the key afresh', async () => {
      near(await t.store.hit('k', 2000, 0, 100), { hits: 1, blockedForMs: 100, resetsInMs: 2000 });
      await t.advance(100 + PAST);
      near(await t.store.hit('k', 2000, 5, 100), { hits: 1, blockedForMs: 0, resetsInMs: 2000 });
    });

    it('keeps keys apart, and clear says whether the key was blocked', async () => {
      await t.store.hit('a', WINDOW, 0, BLOCK);
      await t.store.hit('b', WINDOW, 5, BLOCK);
      expect((await t.store.peek('a')).blockedForMs).toBeGreaterThanOrEqual(BLOCK - t.slackMs);
      expect((await t.store.peek('b')).blockedForMs).toBe(0);
      expect((await t.store.peek('b')).hits).toBe(1);
      expect(await t.store.clear('a')).toBe(true);
      expect(await t.store.clear('b')).toBe(false);
      expect(await t.store.clear('never')).toBe(false);
      expect(await t.store.peek('a')).toEqual({ hits: 0, blockedForMs: 0, resetsInMs: 0 });
      expect(await t.store.peek('b')).toEqual({ hits: 0, blockedForMs: 0, resetsInMs: 0 });
    });

    it('counts every one of concurrent hits (nothing slips under the limit)', async () => {
      const counts = await Promise.all(Array.from({ length: 20 }, () => t.store.hit('k', 5000, 10, BLOCK)));
      expect(counts.map((c) => c.hits).sort((a, b) => a - b)).toEqual([
        ...Array.from({ length: 11 }, (_, i) => i + 1),
        ...Array.from({ length: 9 }, () => 11),
      ]);
      expect(counts.filter((c) => c.blockedForMs > 0)).toHaveLength(10);
    });
  });
}
