import type { CallRecord } from '@puente/crm';
import {
  CALL_JOURNAL_RETENTION_MS,
  type CallJournalRepository,
  type EndedCall,
} from './call-journal.repository';

export const T0 = Date.parse('2026-03-10T12:00:00Z');

export const ended = (callId: string): EndedCall => ({
  record: {
    callId,
    direction: 'outbound',
    number: '+541155551234',
    answered: true,
    durationSeconds: 30,
    startedAt: '2026-03-10T11:59:00Z',
    agentName: 'Ana',
    campaign: 'Ventas',
    queue: null,
    disposition: null,
    note: null,
    manual: false,
    linked: null,
    ownerId: null,
  } satisfies CallRecord,
  ownerEmail: 'agent1@puente.demo',
  sync: null,
});

export const who = (callId: string, contactId = '501') => ({ callId, agentId: 'a1', contactId, crmId: '3' });

/** What any CallJournalRepository does (issue 15 §2: call notes with an expiry). */
export function describeCallJournalRepository(
  make: () => CallJournalRepository | Promise<CallJournalRepository>,
): void {
  describe('CallJournalRepository contract', () => {
    it("names the agent's latest call with the contact still on screen, never another's or a released one", async () => {
      const store = await make();
      await store.rememberEnded(who('c1'), ended('c1'), T0);
      await store.rememberEnded(who('c2'), ended('c2'), T0 + 1000);
      await store.rememberEnded({ ...who('c3'), agentId: 'a2' }, ended('c3'), T0 + 2000);
      await store.rememberEnded(who('c4', '777'), ended('c4'), T0 + 3000);
      expect((await store.lastCallWith('a1', '501'))?.callId).toBe('c2');
      expect((await store.lastCallWith('a2', '501'))?.callId).toBe('c3');

      const outcome = { categoryId: '4', subcategoryId: '9', scheduledFor: null };
      // Every open call of that contact gets the outcome, once.
      expect((await store.release('a1', '501', outcome)).map((e) => e.callId)).toEqual(['c1', 'c2']);
      expect(await store.release('a1', '501', outcome)).toEqual([]);
      expect(await store.lastCallWith('a1', '501')).toBeUndefined();
      expect((await store.lastCallWith('a1', '777'))?.callId).toBe('c4');
    });

    it('answers a released entry whole, with its outcome', async () => {
      const store = await make();
      await store.rememberDialNote('c1', 'a1', 'asked to be called', T0);
      await store.rememberEnded(who('c1'), ended('c1'), T0 + 1000);
      await store.rememberWrapUpNote('c1', 'a1', '501', 'pays on Friday', T0 + 2000);
      const outcome = { categoryId: '4', subcategoryId: null, scheduledFor: null };
      const whole = {
        callId: 'c1',
        agentId: 'a1',
        contactId: '501',
        crmId: '3',
        dialNote: 'asked to be called',
        wrapUpNote: 'pays on Friday',
        ended: ended('c1'),
        endedAt: T0 + 1000,
        released: outcome,
        done: false,
      };
      expect(await store.release('a1', '501', outcome)).toEqual([whole]);
      expect(await store.get('c1')).toEqual(whole);
      expect(await store.get('unknown')).toBeUndefined();
    });

    it('keeps a released call unfinished until its Task completion is queued (a crash in between)', async () => {
      const store = await make();
      await store.rememberEnded(who('c1'), ended('c1'), T0);
      await store.rememberEnded(who('c2'), ended('c2'), T0);
      await store.release('a1', '501', {
        categoryId: null,
        subcategoryId: null,
        scheduledFor: '2026-03-11T10:00:00Z',
      });
      expect((await store.unfinished()).map((e) => [e.callId, e.released?.scheduledFor])).toEqual([
        ['c1', '2026-03-11T10:00:00Z'],
        ['c2', '2026-03-11T10:00:00Z'],
      ]);
      await store.finish('c1');
      expect((await store.unfinished()).map((e) => e.callId)).toEqual(['c2']);
      expect((await store.get('c1'))?.done).toBe(true);
    });

    it('a replayed end keeps the first end time and the notes', async () => {
      const store = await make();
      await store.rememberWrapUpNote('c1', 'a1', '501', 'early note', T0);
      await store.rememberEnded(who('c1'), ended('c1'), T0 + 1000);
      await store.rememberEnded(who('c1'), ended('c1'), T0 + 5000);
      expect(await store.get('c1')).toMatchObject({
        endedAt: T0 + 1000,
        wrapUpNote: 'early note',
        contactId: '501',
      });
    });

    it(`drops entries older than ${CALL_JOURNAL_RETENTION_MS / 3_600_000} h as new calls end, so the table is bounded`, async () => {
      const store = await make();
      await store.rememberDialNote('old-dial', 'a1', 'never ended', T0);
      await store.rememberEnded(who('old'), ended('old'), T0);
      await store.rememberEnded(who('recent'), ended('recent'), T0 + CALL_JOURNAL_RETENTION_MS / 2);
      await store.rememberEnded(who('new'), ended('new'), T0 + CALL_JOURNAL_RETENTION_MS + 1);
      expect(await store.get('old')).toBeUndefined();
      expect(await store.get('old-dial')).toBeUndefined();
      expect((await store.get('recent'))?.callId).toBe('recent');
      expect((await store.get('new'))?.callId).toBe('new');
    });
  });
}
