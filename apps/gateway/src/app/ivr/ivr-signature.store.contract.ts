import type { IvrSignatureStore } from './ivr-signature.store';

/** What any IvrSignatureStore does; `settle` waits out its write-behind (longer than `withinMs`). */
export function describeIvrSignatureStore(make: () => IvrSignatureStore, settle: () => Promise<void>): void {
  describe('IvrSignatureStore contract', () => {
    let store: IvrSignatureStore;
    beforeEach(() => (store = make()));

    it('answers the signatures seen since a time, oldest first, once written', async () => {
      store.remember('v1=b', 'ivr-1', 2_000, 50);
      store.remember('v1=a', 'ivr-1', 1_000, 50);
      store.remember('v1=c', 'ivr-2', 3_000, 0);
      await settle();
      expect(store.seenSince(2_000)).toEqual([
        { signature: 'v1=b', seenAt: 2_000 },
        { signature: 'v1=c', seenAt: 3_000 },
      ]);
    });

    it('forgets those seen before the cut, also when they were still waiting to be written', async () => {
      store.remember('v1=old', 'ivr-1', 1_000, 50);
      store.remember('v1=new', 'ivr-1', 9_000, 50);
      store.expire(5_000);
      await settle();
      expect(store.seenSince(0).map((s) => s.signature)).toEqual(['v1=new']);
    });
  });
}
