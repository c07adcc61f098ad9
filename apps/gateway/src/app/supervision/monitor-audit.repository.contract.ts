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
export function describeMonitorAuditRepository(make: () => MonitorAuditRepository): void {
  describe('MonitorAuditRepository contract', () => {
    it('records entries with increasing ids and lists them newest first, filtered and paged', () => {
      const audit = make();
      const a = audit.record(entry('s1', '7'));
      const b = audit.record(entry('s2', '7'));
      const c = audit.record(entry('s1', '8'));
      expect(a.id).toBeLessThan(b.id);
      expect(b.id).toBeLessThan(c.id);
      expect(c).toEqual({ ...entry('s1', '8'), id: c.id });
      expect(audit.list({ limit: 10 }).map((e) => e.id)).toEqual([c.id, b.id, a.id]);
      expect(audit.list({ supervisorId: 's1', limit: 10 }).map((e) => e.id)).toEqual([c.id, a.id]);
      expect(audit.list({ agentId: '7', limit: 10 }).map((e) => e.id)).toEqual([b.id, a.id]);
      expect(audit.list({ before: c.id, limit: 1 }).map((e) => e.id)).toEqual([b.id]);
    });
  });
}
