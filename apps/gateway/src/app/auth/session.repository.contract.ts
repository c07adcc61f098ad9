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

/** What any SessionRepository does (issue 18: the SQLite one now, a Redis one in §2). */
export function describeSessionRepository(make: () => SessionRepository): void {
  describe('SessionRepository contract', () => {
    let repo: SessionRepository;
    beforeEach(() => (repo = make()));

    it('keeps what is put, whole (dialer token, locale and all)', () => {
      const a = session('s-1', '7', 'h-1');
      repo.put(a);
      expect(repo.all()).toEqual([a]);
    });

    it('replaces a session put again (a refresh rotates its hash)', () => {
      repo.put(session('s-1', '7', 'h-1'));
      const rotated = session('s-1', '7', 'h-2');
      repo.put(rotated);
      expect(repo.all()).toEqual([rotated]);
    });

    it('deletes one session and keeps the others; deleting an unknown one is no error', () => {
      repo.put(session('s-1', '7', 'h-1'));
      repo.put(session('s-2', '8', 'h-2'));
      repo.delete('s-1');
      repo.delete('nobody');
      expect(repo.all().map((s) => s.sessionId)).toEqual(['s-2']);
    });
  });
}
