import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStorage } from '../../store/sqlite-storage';
import { describeCallJournalRepository, ended, T0, who } from './call-journal.repository.contract';
import { SqliteCallJournalRepository } from './sqlite-call-journal.repository';

describe('SqliteCallJournalRepository (issue 15 §2)', () => {
  it('survives reopening the database: the agent, the call, its CRM ids, its Task and the notes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'journal-'));
    const first = new SqliteStorage(dir);
    const store = new SqliteCallJournalRepository(first);
    await store.rememberDialNote('c1', 'a1', 'asked to be called', T0);
    await store.rememberEnded(who('c1'), ended('c1'), T0 + 1000);
    await store.rememberWrapUpNote('c1', 'a1', '501', 'pays on Friday', T0 + 2000);
    first.close();

    const again = new SqliteCallJournalRepository(new SqliteStorage(dir));
    expect(await again.lastCallWith('a1', '501')).toEqual({
      callId: 'c1',
      agentId: 'a1',
      contactId: '501',
      crmId: '3',
      dialNote: 'asked to be called',
      wrapUpNote: 'pays on Friday',
      ended: ended('c1'),
      endedAt: T0 + 1000,
      released: null,
      done: false,
    });
  });

  describeCallJournalRepository(() => new SqliteCallJournalRepository(new SqliteStorage(':memory:')));
});
