import { DEMO_IDS } from '@puente/contact-center-db';
import type { DialerStore, DispositionInput } from '../dialer-store';
import {
  type ContractContext,
  dispositionSetup,
  minutesAfter,
  NOW,
  storeRefusal,
  UNKNOWN_ID,
} from './contract-support';

const dueFor = async (store: DialerStore, contactId: string, at: Date) =>
  (await store.schedulesDue(at, 500)).filter((s) => s.contactId === contactId);

/** CALL_DISPOSITION and the agenda (SCHEDULE_INSERT / _DUE / _TAKE / _FINISH). */
export function describeAgendaContract(ctx: ContractContext): void {
  describe('dispose (CALL_DISPOSITION)', () => {
    const input = (s: Awaited<ReturnType<typeof dispositionSetup>>, extra: Partial<DispositionInput>) => ({
      contactId: s.contact.id,
      callId: null,
      userId: s.user.id,
      campaignId: s.campaign.id,
      categoryId: s.plain.id,
      subcategoryId: null,
      note: '',
      now: NOW,
      at: null,
      ...extra,
    });

    it('a plain category closes the contact: no callback, not dialled again', async () => {
      const store = ctx.store();
      const s = await dispositionSetup(store);
      const result = await store.dispose(
        input(s, { subcategoryId: s.plain.subcategories[0].id, note: 'compró' }),
      );
      expect(result).toEqual({ scheduledFor: null });
      await store.recover();
      const later = await store.nextToDial(s.campaign.id, minutesAfter(NOW, 7 * 24 * 60), 50);
      expect(later.map((c) => c.id)).not.toContain(s.contact.id);
      expect(await dueFor(store, s.contact.id, minutesAfter(NOW, 7 * 24 * 60))).toEqual([]);
    });

    it("an agenda category books a callback after the category's delay for the agent, kept on a second disposition", async () => {
      const store = ctx.store();
      const s = await dispositionSetup(store);
      const { scheduledFor } = await store.dispose(input(s, { categoryId: s.agenda.id, note: 'después' }));
      expect(scheduledFor).toBe(minutesAfter(NOW, 60).toISOString());
      expect(await dueFor(store, s.contact.id, minutesAfter(NOW, 59))).toEqual([]);
      const due = await dueFor(store, s.contact.id, new Date(scheduledFor ?? ''));
      expect(due).toEqual([
        {
          id: expect.any(String),
          contactId: s.contact.id,
          campaignId: s.campaign.id,
          userId: s.user.id,
          at: scheduledFor,
          number: s.contact.phone,
          note: 'después',
        },
      ]);
      // Categorised again without a time: the pending callback stands, no second one.
      const again = await store.dispose(input(s, { categoryId: s.agenda.id, now: minutesAfter(NOW, 5) }));
      expect(again).toEqual({ scheduledFor });
      expect(await dueFor(store, s.contact.id, minutesAfter(NOW, 24 * 60))).toEqual(due);
    });

    it('an agenda category with the time the agent picked replaces the pending callback', async () => {
      const store = ctx.store();
      const s = await dispositionSetup(store);
      await store.dispose(input(s, { categoryId: s.agenda.id }));
      const at = minutesAfter(NOW, 180);
      expect(await store.dispose(input(s, { categoryId: s.agenda.id, at }))).toEqual({
        scheduledFor: at.toISOString(),
      });
      const due = await dueFor(store, s.contact.id, minutesAfter(NOW, 24 * 60));
      expect(due.map((d) => d.at)).toEqual([at.toISOString()]);
    });

    it('refuses what the procedure refuses, with its stable codes', async () => {
      const store = ctx.store();
      const s = await dispositionSetup(store);
      const foreign = (
        await store.categories(s.directory.campaigns.find((c) => c.crmId !== s.contact.crmId)?.crmId ?? '')
      ).find((c) => !s.categories.some((own) => own.id === c.id));
      const cases: [Partial<DispositionInput>, string][] = [
        [{ contactId: UNKNOWN_ID }, 'CONTACT_NOT_FOUND'],
        [{ categoryId: UNKNOWN_ID }, 'CATEGORY_NOT_FOUND'],
        [{ categoryId: foreign?.id ?? '' }, 'CATEGORY_NOT_FOUND'],
        [{ subcategoryId: UNKNOWN_ID }, 'SUBCATEGORY_NOT_FOUND'],
        [{ subcategoryId: s.agenda.subcategories[0].id }, 'SUBCATEGORY_NOT_FOUND'],
        [{ campaignId: UNKNOWN_ID }, 'CAMPAIGN_NOT_FOUND'],
        [{ note: 'x'.repeat(4001) }, 'INVALID_INPUT'],
        [{ at: minutesAfter(NOW, 30) }, 'INVALID_INPUT'],
      ];
      for (const [extra, code] of cases)
        expect([extra, await storeRefusal(store.dispose(input(s, extra)))]).toEqual([extra, code]);
    });
  });

  describe('agenda (SCHEDULE_*)', () => {
    const book = async (store: DialerStore, minutes: number, number = '', note = 'llamar') => {
      const s = await dispositionSetup(store);
      const at = minutesAfter(NOW, minutes);
      const id = await store.scheduleInsert({
        contactId: s.contact.id,
        campaignId: s.campaign.id,
        userId: null,
        at,
        number,
        note,
        createdBy: s.user.id,
      });
      return { ...s, id, at };
    };

    it("books a callback on the contact's number unless told another, due from its time on, earliest first", async () => {
      const store = ctx.store();
      const late = await book(store, 90, '(011) 4555-1234');
      const early = await book(store, 30);
      expect(await store.schedulesDue(minutesAfter(NOW, 29), 50)).toEqual([]);
      expect(await store.schedulesDue(minutesAfter(NOW, 120), 50)).toEqual([
        {
          id: early.id,
          contactId: early.contact.id,
          campaignId: early.campaign.id,
          userId: null,
          at: early.at.toISOString(),
          number: early.contact.phone,
          note: 'llamar',
        },
        {
          id: late.id,
          contactId: late.contact.id,
          campaignId: late.campaign.id,
          userId: null,
          at: late.at.toISOString(),
          number: '(011) 4555-1234',
          note: 'llamar',
        },
      ]);
      expect(await store.schedulesDue(minutesAfter(NOW, 120), 1)).toHaveLength(1);
    });

    it('keeps one pending callback per contact: a new time replaces the old one', async () => {
      const store = ctx.store();
      const first = await book(store, 30);
      const second = await store.scheduleInsert({
        contactId: first.contact.id,
        campaignId: first.campaign.id,
        userId: first.user.id,
        at: minutesAfter(NOW, 60),
        number: '',
        note: 'otra hora',
        createdBy: first.user.id,
      });
      const due = await dueFor(store, first.contact.id, minutesAfter(NOW, 120));
      expect(due.map((d) => [d.id, d.note])).toEqual([[second, 'otra hora']]);
    });

    it('never makes a blacklisted number due (D4)', async () => {
      const store = ctx.store();
      const booked = await book(store, 30, DEMO_IDS.blacklistedNumber);
      expect(await dueFor(store, booked.contact.id, minutesAfter(NOW, 60))).toEqual([]);
    });

    it('is taken once; finished pending it is due again, finished done it is gone; recover frees a taken one', async () => {
      const store = ctx.store();
      const { id, at, contact } = await book(store, 30);
      expect(await store.scheduleTake(id)).toBe(true);
      expect(await store.scheduleTake(id)).toBe(false);
      expect(await dueFor(store, contact.id, at)).toEqual([]);
      await store.scheduleFinish(id, 'pending');
      expect((await dueFor(store, contact.id, at)).map((d) => d.id)).toEqual([id]);
      expect(await store.scheduleTake(id)).toBe(true);
      await store.recover();
      expect(await store.scheduleTake(id)).toBe(true);
      await store.scheduleFinish(id, 'done');
      expect(await store.scheduleTake(id)).toBe(false);
      expect(await dueFor(store, contact.id, minutesAfter(at, 60))).toEqual([]);
      expect(await store.scheduleTake(UNKNOWN_ID)).toBe(false);
    });

    it('refuses an unknown contact or campaign, a number that is not one, an over-long note', async () => {
      const store = ctx.store();
      const s = await dispositionSetup(store);
      const base = {
        contactId: s.contact.id,
        campaignId: s.campaign.id,
        userId: null,
        at: NOW,
        number: '',
        note: '',
        createdBy: s.user.id,
      };
      const cases: [Record<string, unknown>, string][] = [
        [{ contactId: UNKNOWN_ID }, 'CONTACT_NOT_FOUND'],
        [{ campaignId: UNKNOWN_ID }, 'CAMPAIGN_NOT_FOUND'],
        [{ number: 'call me' }, 'INVALID_INPUT'],
        [{ note: 'x'.repeat(4001) }, 'INVALID_INPUT'],
      ];
      for (const [extra, code] of cases)
        expect([extra, await storeRefusal(store.scheduleInsert({ ...base, ...extra } as never))]).toEqual([
          extra,
          code,
        ]);
    });
  });
}
