import {
  campaignByMode,
  type ContractContext,
  minutesAfter,
  NOW,
  reserve,
  storeRefusal,
  UNKNOWN_ID,
} from './contract-support';

const ids = (contacts: { id: string }[]) => contacts.map((c) => c.id);

/** CONTACTS_NEXT_TO_DIAL and what moves a contact in and out of the list. */
export function describeDialingContract(ctx: ContractContext): void {
  describe('dialling list', () => {
    const setup = async () => {
      const store = ctx.store();
      const directory = await store.loadDirectory();
      return { store, campaign: campaignByMode(directory, 'predictive') };
    };

    it("hands out contacts of the campaign's database, each once, until returned", async () => {
      const { store, campaign } = await setup();
      const first = await store.nextToDial(campaign.id, NOW, 5);
      expect(first).toHaveLength(5);
      for (const c of first) {
        expect(c).toMatchObject({ databaseId: campaign.databaseId, attempts: 0 });
        expect(c.phone).not.toBe('');
      }
      const second = await store.nextToDial(campaign.id, NOW, 5);
      expect(second).toHaveLength(5);
      expect(ids(second).filter((id) => ids(first).includes(id))).toEqual([]);
      await store.returnContact(first[2].id);
      // Returned, never dialled: back in id order, so it is the next one out.
      expect(ids(await store.nextToDial(campaign.id, NOW, 1))).toEqual([first[2].id]);
    });

    it('hands out at least one and at most 500 per call; refuses an unknown campaign', async () => {
      const { store, campaign } = await setup();
      expect(await store.nextToDial(campaign.id, NOW, 0)).toHaveLength(1);
      expect((await store.nextToDial(campaign.id, NOW, 10_000)).length).toBeLessThanOrEqual(500);
      expect(await storeRefusal(store.nextToDial(UNKNOWN_ID, NOW, 1))).toBe('CAMPAIGN_NOT_FOUND');
    });

    it('a failed attempt is retried after the retry interval, ahead of new contacts, until attempts run out', async () => {
      const { store, campaign } = await setup();
      const [contact] = await reserve(store, campaign.id, 1);
      let at = NOW;
      for (let attempt = 1; attempt < campaign.maxAttempts; attempt++) {
        await store.attemptResult(contact.id, campaign.id, 'no_answer', at);
        const due = minutesAfter(at, campaign.retryMinutes);
        expect(ids(await store.nextToDial(campaign.id, minutesAfter(due, -1), 1))).not.toContain(contact.id);
        const [again] = await store.nextToDial(campaign.id, due, 1);
        expect(again).toMatchObject({ id: contact.id, attempts: attempt });
        at = due;
      }
      await store.attemptResult(contact.id, campaign.id, 'busy', at);
      // Exhausted: a retry would come first, so a new contact comes out instead, even a day later.
      const later = minutesAfter(at, 24 * 60);
      expect(ids(await store.nextToDial(campaign.id, later, 1))).not.toContain(contact.id);
    });

    it('an answered contact released is done: not dialled again', async () => {
      const { store, campaign } = await setup();
      const [contact] = await reserve(store, campaign.id, 1);
      await store.attemptResult(contact.id, campaign.id, 'answered', NOW);
      await store.releaseContact(contact.id);
      await store.returnContact(contact.id);
      await store.recover();
      const later = await store.nextToDial(campaign.id, minutesAfter(NOW, 7 * 24 * 60), 50);
      expect(ids(later)).not.toContain(contact.id);
    });

    it('a skipped preview (B7) is not offered again before the retry interval, then it is', async () => {
      const { store } = await setup();
      const campaign = campaignByMode(await store.loadDirectory(), 'preview');
      const [skipped, kept] = await reserve(store, campaign.id, 2);
      await store.skipContact(skipped.id, campaign.id, NOW);
      const [next] = await store.nextToDial(campaign.id, NOW, 1);
      expect([skipped.id, kept.id]).not.toContain(next.id);
      const due = minutesAfter(NOW, campaign.retryMinutes);
      expect(await store.nextToDial(campaign.id, due, 1)).toEqual([{ ...skipped, attempts: 0 }]);
    });

    it('recover puts contacts a crash left reserved back in the list', async () => {
      const { store, campaign } = await setup();
      const reserved = await reserve(store, campaign.id, 3);
      await store.recover();
      expect(ids(await store.nextToDial(campaign.id, NOW, 3)).sort()).toEqual(ids(reserved).sort());
    });

    it('refuses results for an unknown contact or campaign', async () => {
      const { store, campaign } = await setup();
      const [contact] = await reserve(store, campaign.id, 1);
      expect(await storeRefusal(store.attemptResult(UNKNOWN_ID, campaign.id, 'busy', NOW))).toBe(
        'CONTACT_NOT_FOUND',
      );
      expect(await storeRefusal(store.attemptResult(contact.id, UNKNOWN_ID, 'busy', NOW))).toBe(
        'CAMPAIGN_NOT_FOUND',
      );
      expect(await storeRefusal(store.releaseContact(UNKNOWN_ID))).toBe('CONTACT_NOT_FOUND');
      expect(await storeRefusal(store.skipContact(contact.id, UNKNOWN_ID, NOW))).toBe('CAMPAIGN_NOT_FOUND');
    });
  });
}
