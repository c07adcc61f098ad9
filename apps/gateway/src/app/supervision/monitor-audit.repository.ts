import type { MonitorAuditEntry, MonitorAuditQuery } from '@puente/contracts';

/**
 * The audit trail of monitoring (E4): every listen, assist, barge, switch and
 * end, allowed or refused. Written at once (not batched with events): an
 * audit entry must not be lost to a crash a moment later. Async for Redis
 * (issue 18 §2), where every node writes to one trail.
 */
export abstract class MonitorAuditRepository {
  /** Appends the entry and returns it with its id (increasing, across the nodes in cluster mode). */
  abstract record(entry: Omit<MonitorAuditEntry, 'id'>): Promise<MonitorAuditEntry>;
  /** Newest first, filtered by supervisor and/or target agent, before `before` (an id). */
  abstract list(query: MonitorAuditQuery): Promise<MonitorAuditEntry[]>;
}
