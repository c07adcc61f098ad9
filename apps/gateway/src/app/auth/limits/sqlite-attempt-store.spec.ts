import { SqliteStorage } from '../../store/sqlite-storage';
import type { AttemptStore } from './attempt-store';
import { SqliteAttemptStore } from './sqlite-attempt-store';

/**
 * What any AttemptStore must do (a Redis one added for several nodes runs
 * the same cases), here on the SQLite store with a clock the test moves.
 */
describe('SqliteAttemptStore', () => {
  let now: number;
  let store: AttemptStore;

  beforeEach(() => {
    now = 1_000_000;
    store = new SqliteAttemptStore(new SqliteStorage(':memory:'), () => now);
  });

  it('counts within a window and forgets when it ends', async () => {
    expect(await store.hit('k', 1000, 3, 5000)).toEqual({ hits: 1, blockedForMs: 0, resetsInMs: 1000 });
    now += 400;
    expect(await store.hit('k', 1000, 3, 5000)).toEqual({ hits: 2, blockedForMs: 0, resetsInMs: 600 });
    now += 600;
    expect(await store.peek('k')).toEqual({ hits: 0, blockedForMs: 0, resetsInMs: 0 });
    expect(await store.hit('k', 1000, 3, 5000)).toMatchObject({ hits: 1, blockedForMs: 0 });
  });

  it('blocks on the attempt past the limit, counts nothing while blocked, starts afresh after', async () => {
    for (let i = 0; i < 2; i++) expect((await store.hit('k', 1000, 2, 5000)).blockedForMs).toBe(0);
    expect(await store.hit('k', 1000, 2, 5000)).toMatchObject({ hits: 3, blockedForMs: 5000 });
    now += 2000;
    expect(await store.hit('k', 1000, 2, 5000)).toMatchObject({ hits: 3, blockedForMs: 3000 });
    expect(await store.peek('k')).toMatchObject({ blockedForMs: 3000 });
    now += 3000;
    expect(await store.hit('k', 1000, 2, 5000)).toEqual({ hits: 1, blockedForMs: 0, resetsInMs: 1000 });
  });

  it('keeps keys apart, and clear says whether the key was blocked', async () => {
    await store.hit('a', 1000, 0, 5000);
    await store.hit('b', 1000, 5, 5000);
    expect((await store.peek('a')).blockedForMs).toBe(5000);
    expect((await store.peek('b')).blockedForMs).toBe(0);
    expect(await store.clear('a')).toBe(true);
    expect(await store.clear('b')).toBe(false);
    expect(await store.clear('never')).toBe(false);
    expect(await store.peek('a')).toEqual({ hits: 0, blockedForMs: 0, resetsInMs: 0 });
  });

  it('sweeps expired counters as it goes', async () => {
    const db = new SqliteStorage(':memory:');
    const swept = new SqliteAttemptStore(db, () => now);
    for (let i = 0; i < 150; i++) await swept.hit(`old-${i}`, 1000, 5, 5000);
    now += 10_000;
    for (let i = 0; i < 60; i++) await swept.hit(`new-${i}`, 1000, 5, 5000);
    const rows = db.prepare('SELECT count(*) AS n FROM attempt_counter').get() as { n: number };
    expect(rows.n).toBeLessThanOrEqual(60);
  });
});
