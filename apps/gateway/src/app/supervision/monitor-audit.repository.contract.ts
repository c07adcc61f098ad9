import type { MonitorAuditEntry } from '@puente/contracts';
import type { MonitorAuditRepository } from './monitor-audit.repository';

const entry = (supervisorId: string, targetAgentId: string): Omit<MonitorAuditEntry, 'id'> => ({
  at: '2026-01-05T10:00:00.000Z',
  supervisorId,
  supervisorUser: `sup-${supervisorId}`,
  targetAgentId,
  action: 'start',
  mode: 'listen',
  outcome: 'ok',
  message: null,
});

/** What any MonitorAuditRepository does. */
export function describeMonitorAuditRepository(
  make: () => MonitorAuditRepository | Promise<MonitorAuditRepository>,
): void {
  describe('MonitorAuditRepository contract', () => {
    it('records entries with increasing ids and lists them newest first, filtered and paged', async () => {
      const audit = await make();
      const a = await audit.record(entry('s1', '7'));
      const b = await audit.record(entry('s2', '7'));
      const c = await audit.record(entry('s1', '8'));
      expect(a.id).toBeLessThan(b.id);
      expect(b.id).toBeLessThan(c.id);
      expect(c).toEqual({ ...entry('s1', '8'), id: c.id });
      expect((await audit.list({ limit: 10 })).map((e) => e.id)).toEqual([c.id, b.id, a.id]);
      expect((await audit.list({ supervisorId: 's1', limit: 10 })).map((e) => e.id)).toEqual([c.id, a.id]);
      expect((await audit.list({ agentId: '7', limit: 10 })).map((e) => e.id)).toEqual([b.id, a.id]);
      expect((await audit.list({ before: c.id, limit: 1 })).map((e) => e.id)).toEqual([b.id]);
    });

    it('filters by supervisor and agent together, paging back through both', async () => {
      const audit = await make();
      const kept: number[] = [];
      for (let i = 0; i < 30; i++) {
        const written = await audit.record(entry(i % 3 === 0 ? 's1' : 's2', i % 2 === 0 ? '7' : '8'));
        if (i % 6 === 0) kept.push(written.id);
      }
      const newest = [...kept].reverse();
      const first = await audit.list({ supervisorId: 's1', agentId: '7', limit: 2 });
      expect(first.map((e) => e.id)).toEqual(newest.slice(0, 2));
      const next = await audit.list({ supervisorId: 's1', agentId: '7', before: first[1].id, limit: 10 });
      expect(next.map((e) => e.id)).toEqual(newest.slice(2));
      expect(next.every((e) => e.supervisorId === 's1' && e.targetAgentId === '7')).toBe(true);
      expect(await audit.list({ supervisorId: 'nobody', limit: 10 })).toEqual([]);
    });
  });
}
