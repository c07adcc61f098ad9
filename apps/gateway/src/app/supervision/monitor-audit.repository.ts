import type { MonitorAuditEntry, MonitorAuditQuery } from '@puente/contracts';

/**
 * The audit trail of monitoring (E4): every listen, assist, barge, switch and
 * end, allowed or refused. Written at once (not batched with events): an
 * audit entry must not be lost to a crash a moment later.
 */
export abstract class MonitorAuditRepository {
  /** Appends the entry and returns it with its id (increasing). */
  abstract record(entry: Omit<MonitorAuditEntry, 'id'>): MonitorAuditEntry;
  /** Newest first, filtered by supervisor and/or target agent, before `before` (an id). */
  abstract list(query: MonitorAuditQuery): MonitorAuditEntry[];
}
