import type { MonitorAuditEntry, MonitorAuditQuery } from '@puente/contracts';
import type { Redis } from 'ioredis';
import { onRedis, runScript } from '../cluster/redis-command';
import { MonitorAuditRepository } from './monitor-audit.repository';

const SEQ = 'puente:monitor-audit:seq';
const ENTRIES = 'puente:monitor-audit:entries';
const ALL = 'puente:monitor-audit:all';
const BY_SUPERVISOR = 'puente:monitor-audit:supervisor:';
const BY_AGENT = 'puente:monitor-audit:agent:';

// KEYS: seq, entries, all, by supervisor, by agent. ARGV: the entry as JSON without its id.
// The id and every index in one step: a reader never sees an entry in one index and not another.
const RECORD = `
local id = redis.call('INCR', KEYS[1])
redis.call('HSET', KEYS[2], id, ARGV[1])
for i = 3, 5 do redis.call('ZADD', KEYS[i], id, id) end
return id`;

/** Ids read per page when the index holds entries the query filters out (supervisor and agent both given). */
const PAGE = 200;

/**
 * The monitoring audit shared by the nodes (issue 18 §2): one trail, ids
 * from one counter (INCR) so they increase across the cluster, each entry
 * in a hash by id and indexed by id for all, per supervisor and per target
 * agent. Kept like the SQLite table: no expiry (an audit is not trimmed
 * behind the operator's back). A Redis that loses its data loses the trail
 * and its counter with it: run it with persistence (docs/redis-repositories.md).
 */
export class RedisMonitorAuditRepository extends MonitorAuditRepository {
  constructor(private readonly redis: Redis) {
    super();
  }

  async record(entry: Omit<MonitorAuditEntry, 'id'>): Promise<MonitorAuditEntry> {
    const id = (await onRedis(() =>
      runScript(
        this.redis,
        RECORD,
        [SEQ, ENTRIES, ALL, BY_SUPERVISOR + entry.supervisorId, BY_AGENT + entry.targetAgentId],
        [JSON.stringify(entry)],
      ),
    )) as number;
    return { ...entry, id };
  }

  /** Newest first: the narrowest index, read back from `before` a page at a time until `limit` match. */
  async list(query: MonitorAuditQuery): Promise<MonitorAuditEntry[]> {
    const index = query.supervisorId
      ? BY_SUPERVISOR + query.supervisorId
      : query.agentId
        ? BY_AGENT + query.agentId
        : ALL;
    const matches = (e: MonitorAuditEntry) =>
      (!query.agentId || e.targetAgentId === query.agentId) &&
      (!query.supervisorId || e.supervisorId === query.supervisorId);
    const found: MonitorAuditEntry[] = [];
    let below = query.before ? `(${query.before}` : '+inf';
    while (found.length < query.limit) {
      const ids = await onRedis(() =>
        this.redis.zrevrangebyscore(index, below, '-inf', 'LIMIT', 0, Math.max(query.limit, PAGE)),
      );
      if (ids.length === 0) break;
      const rows = await onRedis(() => this.redis.hmget(ENTRIES, ...ids));
      rows.forEach((row, i) => {
        if (!row) return;
        const e = { ...(JSON.parse(row) as Omit<MonitorAuditEntry, 'id'>), id: Number(ids[i]) };
        if (matches(e) && found.length < query.limit) found.push(e);
      });
      below = `(${ids[ids.length - 1]}`;
    }
    return found;
  }
}
