import { SqliteStorage } from '../../store/sqlite-storage';
import { describeAttemptStore } from './attempt-store.contract';
import { SqliteAttemptStore } from './sqlite-attempt-store';

describe('SqliteAttemptStore', () => {
  let now = 1_000_000;

  // The contract's cases, on a clock the test moves.
  describeAttemptStore(() => {
    now = 1_000_000;
    return {
      store: new SqliteAttemptStore(new SqliteStorage(':memory:'), () => now),
      advance: async (ms) => {
        now += ms;
      },
      slackMs: 0,
    };
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
