import type { MissedCallsCursorStore } from './missed-calls-cursor.store';

/** What any MissedCallsCursorStore does. */
export function describeMissedCallsCursorStore(make: () => MissedCallsCursorStore): void {
  describe('MissedCallsCursorStore contract', () => {
    it('has no cursor at first, then the last one saved', () => {
      const store = make();
      expect(store.load()).toBeUndefined();
      store.save({ epoch: 'run-1', after: 10 });
      store.save({ epoch: 'run-2', after: 3 });
      expect(store.load()).toEqual({ epoch: 'run-2', after: 3 });
    });
  });
}
