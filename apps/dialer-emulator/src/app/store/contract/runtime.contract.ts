import type { CallLegRecord, StoredSession } from '../dialer-store';
import { type ContractContext, dispositionSetup, minutesAfter, NOW, storeRefusal } from './contract-support';

/** Call history and its notes, call ids, the instance id, sessions, close. */
export function describeRuntimeContract(ctx: ContractContext): void {
  const leg = (
    callId: string,
    n: number,
    contactId: string | null,
    extra: Partial<CallLegRecord> = {},
  ): CallLegRecord => ({
    callId,
    leg: n,
    contactId,
    campaignId: null,
    queueId: null,
    userId: null,
    direction: 'outbound',
    dialerMode: null,
    callReason: '',
    number: '+541155551234',
    startedAt: NOW,
    answeredAt: null,
    endedAt: minutesAfter(NOW, 1),
    talkSeconds: 0,
    holdSeconds: 0,
    cause: 'no_answer',
    dtmf: '',
    recordingUrl: null,
    ...extra,
  });

  describe('call history', () => {
    it("noteCall reaches that call's legs of the contact (and legs of no contact), saying how many", async () => {
      const store = ctx.store();
      const s = await dispositionSetup(store);
      const agent = { userId: s.user.id, campaignId: s.campaign.id, dialerMode: s.campaign.dialerMode };
      await store.callHistoryInsert(
        leg('9001', 0, s.contact.id, { ...agent, answeredAt: NOW, talkSeconds: 30, cause: 'agent_hangup' }),
      );
      await store.callHistoryInsert(leg('9001', 1, null, { direction: 'internal' }));
      await store.callHistoryInsert(leg('9002', 0, s.contact.id, agent));
      // The same leg again updates it rather than adding one.
      await store.callHistoryInsert(leg('9002', 0, s.contact.id, { ...agent, cause: 'busy' }));
      expect(await store.noteCall('9001', s.contact.id, 'nota')).toBe(2);
      expect(await store.noteCall('9002', s.contact.id, 'nota')).toBe(1);
      expect(await store.noteCall('9002', '1', 'nota')).toBe(0);
      expect(await store.noteCall('9999', s.contact.id, 'nota')).toBe(0);
      expect(await storeRefusal(store.noteCall('9001', s.contact.id, 'x'.repeat(4001)))).toBe(
        'INVALID_INPUT',
      );
    });

    it('lastCallId is the highest numeric call id in the history', async () => {
      const store = ctx.store();
      expect(await store.lastCallId()).toBe(0);
      await store.callHistoryInsert(leg('41', 0, null));
      await store.callHistoryInsert(leg('120', 0, null));
      await store.callHistoryInsert(leg('ext-7', 0, null));
      expect(await store.lastCallId()).toBe(120);
    });
  });

  describe('dialer runtime (issue 15 §1, §9)', () => {
    it('reserves call ids in blocks that never overlap and grow, past ids the history used', async () => {
      const store = ctx.store();
      const a = await store.reserveCallIds(5);
      expect(a.last - a.first).toBe(4);
      const b = await store.reserveCallIds(3);
      expect(b).toEqual({ first: a.last + 1, last: a.last + 3 });
      await store.callHistoryInsert(leg(String(b.last + 100), 0, null));
      const c = await store.reserveCallIds(1);
      expect(c).toEqual({ first: b.last + 101, last: b.last + 101 });
      expect(await storeRefusal(store.reserveCallIds(0))).toBe('INVALID_INPUT');
    });

    it('keeps one instance id for the life of its database', async () => {
      const store = ctx.store();
      const id = await store.instanceId();
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await store.instanceId()).toBe(id);
    });

    it('keeps one session per user, updated in place, gone when ended', async () => {
      const store = ctx.store();
      expect(await store.sessions()).toEqual([]);
      await store.saveSession({ token: 't1', userId: '1', device: '1001', campaignId: null });
      await store.saveSession({ token: 't2', userId: '2', device: '1002', campaignId: '1' });
      await store.saveSession({ token: 't1', userId: '1', device: '1001', campaignId: '3' });
      // In no particular order: a restart restores each (world.ts), and two logins in one
      // millisecond have the same logged_in_at (seen on PGlite in CI).
      const byToken = (all: StoredSession[]) => [...all].sort((x, y) => x.token.localeCompare(y.token));
      expect(byToken(await store.sessions())).toEqual([
        { token: 't1', userId: '1', device: '1001', campaignId: '3' },
        { token: 't2', userId: '2', device: '1002', campaignId: '1' },
      ]);
      // A new login of the same user replaces their old session.
      await store.saveSession({ token: 't3', userId: '2', device: '1005', campaignId: null });
      await store.endSession('t1');
      await store.endSession('no-such-token');
      expect(await store.sessions()).toEqual([
        { token: 't3', userId: '2', device: '1005', campaignId: null },
      ]);
    });

    it('closes', async () => {
      await expect(ctx.store().close()).resolves.toBeUndefined();
    });
  });
}
