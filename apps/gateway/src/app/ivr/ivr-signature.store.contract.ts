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

/** A node's replay guard (SeenSignatures.accept), as the contract below sees it. */
export type ReplayGuard = (signature: string, keyId: string) => Promise<boolean>;

/**
 * The replay guard as the IVR sees it, across the given nodes (one node on
 * SQLite; two or more sharing Redis): each signature is accepted once,
 * by one node, whatever node a replay reaches and however they race.
 */
export function describeReplayGuard(label: string, make: () => Promise<ReplayGuard[]>): void {
  describe(`replay guard contract: ${label}`, () => {
    let nodes: ReplayGuard[];
    beforeEach(async () => (nodes = await make()));

    it('accepts a signature once and refuses it afterwards, on every node', async () => {
      expect(await nodes[0]('v1=aa', 'ivr-1')).toBe(true);
      for (const node of nodes) expect(await node('v1=aa', 'ivr-1')).toBe(false);
      expect(await nodes[nodes.length - 1]('v1=bb', 'ivr-1')).toBe(true);
    });

    it('one signature presented at once on every node is accepted exactly once', async () => {
      const answers = await Promise.all(
        nodes.flatMap((node) => [node('v1=race', 'ivr-1'), node('v1=race', 'ivr-2')]),
      );
      expect(answers.filter(Boolean)).toHaveLength(1);
    });
  });
}
