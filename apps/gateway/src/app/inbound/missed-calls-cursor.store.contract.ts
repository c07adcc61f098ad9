import type { MissedCallsCursorStore } from './missed-calls-cursor.store';

/** What any MissedCallsCursorStore does. */
export function describeMissedCallsCursorStore(
  make: () => MissedCallsCursorStore | Promise<MissedCallsCursorStore>,
): void {
  describe('MissedCallsCursorStore contract', () => {
    it('has no cursor at first, then the last one saved', async () => {
      const store = await make();
      expect(await store.load()).toBeUndefined();
      await store.save({ epoch: 'run-1', after: 10 });
      await store.save({ epoch: 'run-2', after: 3 });
      expect(await store.load()).toEqual({ epoch: 'run-2', after: 3 });
    });

    it('keeps the cursor from moving back within one dialer run (a late save of a node that lost the job)', async () => {
      const store = await make();
      await store.save({ epoch: 'run-1', after: 10 });
      await store.save({ epoch: 'run-1', after: 4 });
      expect(await store.load()).toEqual({ epoch: 'run-1', after: 10 });
      await store.save({ epoch: 'run-1', after: 12 });
      expect(await store.load()).toEqual({ epoch: 'run-1', after: 12 });
    });
  });
}
