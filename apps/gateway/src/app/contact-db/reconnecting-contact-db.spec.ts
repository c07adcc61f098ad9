import { Logger } from '@nestjs/common';
import { type ContactDb, ContactDbError, type InsertContactInput } from '@puente/contact-center-db';
import { ContactDbCircuit } from './contact-db-circuit';
import { ReconnectingContactDb } from './reconnecting-contact-db';

/** A database the test switches between answering and not; counts the calls that reached it. */
class SwitchableDb implements Partial<ContactDb> {
  down = false;
  calls = 0;
  readonly dialect = 'postgres' as const;

  private answer<T>(value: T): Promise<T> {
    this.calls += 1;
    return this.down
      ? Promise.reject(new ContactDbError('DATABASE_UNAVAILABLE', 'Query read timeout'))
      : Promise.resolve(value);
  }
  ping(): Promise<void> {
    return this.answer(undefined);
  }
  findDatabase(databaseId: string) {
    return this.answer({ databaseId, crmId: '1', name: 'x' });
  }
  async insertSalesforceContacts(inputs: readonly InsertContactInput[]) {
    return Promise.allSettled(
      inputs.map((i) => this.answer({ clavesf: `1-${i.data}`, contactId: '1', data: i.data, created: true })),
    );
  }
  async close(): Promise<void> {
    /* nothing to close */
  }
}

const codeOf = (call: Promise<unknown>) =>
  call.then(
    () => 'ok',
    (e: { code?: string }) => e.code,
  );

/**
 * Issue 15 §6: while the database cannot serve calls, the gateway's calls
 * fail at once with DATABASE_UNAVAILABLE (the circuit), instead of each
 * costing its caller a connection or query time-out; and they recover by
 * themselves when the database answers again.
 */
describe('ReconnectingContactDb with its circuit (issue 15 §6)', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('issue 15 §6: after 3 calls the database could not serve, the next fail at once without reaching it, then recover', async () => {
    const real = new SwitchableDb();
    const db = new ReconnectingContactDb(
      'postgres',
      async () => real as unknown as ContactDb,
      new ContactDbCircuit({ failures: 3, resetMs: 50 }),
    );
    expect(await codeOf(db.ping())).toBe('ok');

    real.down = true;
    const failing = await Promise.all([db.ping(), db.findDatabase('31'), db.ping()].map(codeOf));
    expect(failing).toEqual(['DATABASE_UNAVAILABLE', 'DATABASE_UNAVAILABLE', 'DATABASE_UNAVAILABLE']);
    const reached = real.calls;
    // Open: ten calls, and a batch of inserts each with its own outcome; none reaches the database.
    const refused = await Promise.all(Array.from({ length: 10 }, () => codeOf(db.findDatabase('31'))));
    const batch = await db.insertSalesforceContacts([
      { data: 'A', ani: '', databaseId: '31' },
      { data: 'B', ani: '', databaseId: '31' },
    ]);
    expect({
      refused: refused.filter((c) => c === 'DATABASE_UNAVAILABLE').length,
      batch: batch.map((o) => (o.status === 'rejected' ? (o.reason as ContactDbError).code : 'ok')),
      reachedTheDatabase: real.calls - reached,
    }).toEqual({
      refused: 10,
      batch: ['DATABASE_UNAVAILABLE', 'DATABASE_UNAVAILABLE'],
      reachedTheDatabase: 0,
    });

    real.down = false;
    let recovered = 'DATABASE_UNAVAILABLE';
    for (let i = 0; i < 200 && recovered !== 'ok'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      recovered = String(await codeOf(db.ping()));
    }
    expect(recovered).toBe('ok');
    const inserted = await db.insertSalesforceContacts([{ data: 'C', ani: '', databaseId: '31' }]);
    expect(inserted.map((o) => o.status)).toEqual(['fulfilled']);
  });

  it('issue 15 §6: a batch whose every input the database could not serve counts as one failed call', async () => {
    const real = new SwitchableDb();
    const db = new ReconnectingContactDb(
      'postgres',
      async () => real as unknown as ContactDb,
      new ContactDbCircuit({ failures: 2, resetMs: 60_000 }),
    );
    real.down = true;
    const input = [{ data: 'A', ani: '', databaseId: '31' }];
    await db.insertSalesforceContacts(input);
    await db.insertSalesforceContacts(input);
    const reached = real.calls;
    expect(await codeOf(db.ping())).toBe('DATABASE_UNAVAILABLE');
    expect(real.calls).toBe(reached);
  });
});
