import { ContactDbError, type InsertContactInput, type InsertContactResult } from '../port/contact-db';
import { InsertBatcher } from './insert-batcher';

/** A database whose round trips the test finishes by hand, and which remembers what each carried. */
class HeldDb {
  readonly batches: string[][] = [];
  private readonly pending: (() => void)[] = [];

  insertSalesforceContacts(inputs: readonly InsertContactInput[]) {
    this.batches.push(inputs.map((i) => i.data));
    return new Promise<PromiseSettledResult<InsertContactResult>[]>((resolve) =>
      this.pending.push(() =>
        resolve(
          inputs.map((input, i) =>
            input.data.startsWith('bad')
              ? { status: 'rejected', reason: new ContactDbError('INVALID_INPUT', input.data) }
              : {
                  status: 'fulfilled',
                  value: {
                    clavesf: `${i}-${input.data}`,
                    contactId: String(i),
                    data: input.data,
                    created: true,
                  },
                },
          ),
        ),
      ),
    );
  }

  /** Finishes the oldest round trip still open. */
  finishNext(): void {
    this.pending.shift()?.();
  }
}

const input = (data: string): InsertContactInput => ({ data, ani: '', databaseId: '10' });
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('InsertBatcher (issue 6 §7: group commit for the IVR)', () => {
  it('sends an insert alone at the end of the turn when a round trip is free', async () => {
    const db = new HeldDb();
    const batcher = new InsertBatcher(db, { maxBatch: 50, maxInFlight: 2 });
    const answer = batcher.insert(input('A'));
    expect(db.batches).toEqual([]);
    await turn();
    expect(db.batches).toEqual([['A']]);
    db.finishNext();
    await expect(answer).resolves.toMatchObject({ data: 'A' });
  });

  it('sends what arrives in one turn together, and what arrives while every slot is busy in the next batch', async () => {
    const db = new HeldDb();
    const sizes: number[] = [];
    const batcher = new InsertBatcher(db, { maxBatch: 50, maxInFlight: 1, onBatch: (n) => sizes.push(n) });
    const first = [batcher.insert(input('A')), batcher.insert(input('B'))];
    await turn();
    const later = ['C', 'D', 'E'].map((d) => batcher.insert(input(d)));
    await turn();
    expect(db.batches).toEqual([['A', 'B']]);
    expect(batcher.waiting).toBe(3);
    db.finishNext();
    await Promise.all(first);
    await turn();
    expect(db.batches).toEqual([
      ['A', 'B'],
      ['C', 'D', 'E'],
    ]);
    db.finishNext();
    expect((await Promise.all(later)).map((r) => r.data)).toEqual(['C', 'D', 'E']);
    expect(sizes).toEqual([2, 3]);
  });

  it('never puts more than maxBatch inserts in one round trip', async () => {
    const db = new HeldDb();
    const batcher = new InsertBatcher(db, { maxBatch: 2, maxInFlight: 5 });
    const answers = ['A', 'B', 'C', 'D', 'E'].map((d) => batcher.insert(input(d)));
    await turn();
    expect(db.batches).toEqual([['A', 'B'], ['C', 'D'], ['E']]);
    for (let i = 0; i < 3; i++) db.finishNext();
    expect(await Promise.all(answers)).toHaveLength(5);
  });

  it("gives each caller its own error and leaves the others' answers alone", async () => {
    const db = new HeldDb();
    const batcher = new InsertBatcher(db, { maxBatch: 50, maxInFlight: 1 });
    const good = batcher.insert(input('A'));
    const bad = batcher.insert(input('bad-one'));
    await turn();
    db.finishNext();
    await expect(good).resolves.toMatchObject({ data: 'A' });
    await expect(bad).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('fails every caller of a round trip that failed, and goes on with the next one', async () => {
    let calls = 0;
    const batcher = new InsertBatcher(
      {
        insertSalesforceContacts: async (inputs) => {
          calls += 1;
          if (calls === 1) throw new ContactDbError('DATABASE_UNAVAILABLE', 'down');
          return inputs.map((i) => ({
            status: 'fulfilled' as const,
            value: { clavesf: `1-${i.data}`, contactId: '1', data: i.data, created: false },
          }));
        },
      },
      { maxBatch: 50, maxInFlight: 1 },
    );
    const failed = [batcher.insert(input('A')), batcher.insert(input('B'))];
    for (const answer of failed) await expect(answer).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    await expect(batcher.insert(input('C'))).resolves.toMatchObject({ data: 'C' });
  });

  it('refuses settings that could never send anything', () => {
    const db = new HeldDb();
    expect(() => new InsertBatcher(db, { maxBatch: 0, maxInFlight: 1 })).toThrow(/at least 1/);
    expect(() => new InsertBatcher(db, { maxBatch: 1, maxInFlight: 0 })).toThrow(/at least 1/);
  });
});
