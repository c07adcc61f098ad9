import type { SessionRepository, StoredSession } from './session.repository';

const session = (id: string, agentId: string, refreshHash: string): StoredSession => ({
  sessionId: id,
  agentId,
  user: `user-${agentId}`,
  displayName: `Agent ${agentId}`,
  email: null,
  device: '2001',
  roles: ['agent'],
  dialerToken: `dialer-${id}`,
  refreshHash,
  refreshExpiresAt: 2_000_000_000_000,
  createdAt: 1_000,
  locale: 'es-AR',
  timeZone: 'America/Argentina/Buenos_Aires',
});

/** What any SessionRepository does (issue 18 §2): the SQLite one and the Redis one both run it. */
export function describeSessionRepository(make: () => SessionRepository | Promise<SessionRepository>): void {
  describe('SessionRepository contract', () => {
    let repo: SessionRepository;
    beforeEach(async () => (repo = await make()));

    it('keeps what is put, whole (dialer token, locale and all), found by id, agent and refresh hash', async () => {
      const a = session('s-1', '7', 'h-1');
      await repo.put(a);
      expect(await repo.all()).toEqual([a]);
      expect(await repo.get('s-1')).toEqual(a);
      expect(await repo.byAgent('7')).toEqual(a);
      expect(await repo.byRefresh('h-1')).toEqual(a);
      expect(await repo.get('nobody')).toBeUndefined();
      expect(await repo.byAgent('8')).toBeUndefined();
      expect(await repo.byRefresh('h-0')).toBeUndefined();
    });

    it('replaces a session put again; its old refresh hash finds nothing', async () => {
      await repo.put(session('s-1', '7', 'h-1'));
      const replaced = session('s-1', '7', 'h-2');
      await repo.put(replaced);
      expect(await repo.all()).toEqual([replaced]);
      expect(await repo.byRefresh('h-1')).toBeUndefined();
      expect(await repo.byRefresh('h-2')).toEqual(replaced);
    });

    it('rotates the refresh hash once: the old hash finds nothing, a second rotation from it fails', async () => {
      await repo.put(session('s-1', '7', 'h-1'));
      expect(await repo.rotate('s-1', 'h-1', 'h-2')).toBe(true);
      expect(await repo.rotate('s-1', 'h-1', 'h-3')).toBe(false);
      expect(await repo.byRefresh('h-1')).toBeUndefined();
      expect(await repo.byRefresh('h-3')).toBeUndefined();
      expect(await repo.byRefresh('h-2')).toEqual(session('s-1', '7', 'h-2'));
      expect(await repo.get('s-1')).toEqual(session('s-1', '7', 'h-2'));
      expect(await repo.rotate('nobody', 'h-2', 'h-4')).toBe(false);
    });

    it('of rotations from the same hash at once, exactly one wins', async () => {
      await repo.put(session('s-1', '7', 'h-1'));
      const wins = await Promise.all(['a', 'b', 'c', 'd'].map((to) => repo.rotate('s-1', 'h-1', to)));
      expect(wins.filter(Boolean)).toHaveLength(1);
      const winner = ['a', 'b', 'c', 'd'][wins.indexOf(true)];
      expect((await repo.get('s-1'))?.refreshHash).toBe(winner);
    });

    it('deletes one session and keeps the others; says whether it was there', async () => {
      await repo.put(session('s-1', '7', 'h-1'));
      await repo.put(session('s-2', '8', 'h-2'));
      expect(await repo.delete('s-1')).toBe(true);
      expect(await repo.delete('s-1')).toBe(false);
      expect(await repo.delete('nobody')).toBe(false);
      expect((await repo.all()).map((s) => s.sessionId)).toEqual(['s-2']);
      expect(await repo.byAgent('7')).toBeUndefined();
      expect(await repo.byRefresh('h-1')).toBeUndefined();
    });

    it("a newer session of the same agent is the agent's; deleting the older one leaves it so", async () => {
      await repo.put(session('s-1', '7', 'h-1'));
      await repo.put(session('s-2', '7', 'h-2'));
      expect((await repo.byAgent('7'))?.sessionId).toBe('s-2');
      await repo.delete('s-1');
      expect((await repo.byAgent('7'))?.sessionId).toBe('s-2');
    });
  });
}
