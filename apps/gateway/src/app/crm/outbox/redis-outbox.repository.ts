import type { Redis } from 'ioredis';
import { onRedis, runScript } from '../../cluster/redis-command';
import { mergeDeep } from './merge-deep';
import { type OutboxItem, OutboxRepository, type WaitReason } from './outbox.repository';
import {
  ALL_DUE,
  CLAIM,
  CLAIMS,
  COMPLETE,
  DEAD,
  DUE,
  ENQUEUE,
  ITEM_PREFIX,
  RETRY,
  UNREACHABLE,
  UNREACHABLE_DUE,
} from './redis-outbox.scripts';

/** Merges lost to a concurrent one are read and merged again; this many in a row is a defect, not contention. */
const MAX_MERGE_ROUNDS = 50;

const idOf = (kind: string, key: string) => `${kind}:${key}`;

/**
 * The outbox shared by the nodes (issue 18 §2): one hash per (kind, key)
 * merged as on one node, so a call's Task stays one write however many nodes
 * learn of it; every node drains it. due() claims what it hands out, until
 * the write is completed or retried or `claimMs` passes, so one node at a
 * time writes a given item: a node that dies mid-write leaves its claim to
 * run out, and another node then writes the item again. `claimMs` outlasts
 * the longest delivery (its Salesforce calls are each bounded), so by then
 * the dead node's write has landed or failed; the handlers look a Task up by
 * its CallObject before creating it, so the second write updates it.
 * Outcomes are fenced: complete() and retry() act only under the item's
 * current claim, never a claim that ran out and was taken over.
 */
export class RedisOutboxRepository extends OutboxRepository {
  constructor(
    private readonly redis: Redis,
    private readonly claimMs: number,
  ) {
    super();
  }

  async enqueue(
    kind: string,
    key: string,
    payload: Record<string, unknown>,
    now = Date.now(),
  ): Promise<void> {
    // Kinds are code-defined words; a ':' in one would make two (kind, key) pairs share an id.
    if (kind.includes(':')) throw new Error(`outbox kind ${kind} must not contain ':'`);
    const id = idOf(kind, key);
    const item = ITEM_PREFIX + id;
    for (let round = 0; round < MAX_MERGE_ROUNDS; round++) {
      const [stored, version] = await onRedis(() => this.redis.hmget(item, 'payload', 'version'));
      const merged =
        stored && version ? mergeDeep(JSON.parse(stored) as Record<string, unknown>, payload) : payload;
      const written = await onRedis(() =>
        runScript(
          this.redis,
          ENQUEUE,
          [item, DUE, DEAD],
          [id, kind, key, JSON.stringify(merged), now, stored && version ? version : '0'],
        ),
      );
      if (written === 1) return;
    }
    throw new Error(`outbox ${id}: ${MAX_MERGE_ROUNDS} merges in a row lost to concurrent ones`);
  }

  async due(now: number, limit: number): Promise<OutboxItem[]> {
    const rows = (await onRedis(() =>
      runScript(this.redis, CLAIM, [DUE, CLAIMS], [now, limit, this.claimMs]),
    )) as [string, string, string, string, string, string, string][];
    return rows.map(([kind, key, payload, attempts, lastError, hasError, claim]) => ({
      kind,
      key,
      payload: JSON.parse(payload) as Record<string, unknown>,
      attempts: Number(attempts),
      lastError: hasError === '1' ? lastError : null,
      claim,
    }));
  }

  async complete(item: OutboxItem): Promise<boolean> {
    const id = idOf(item.kind, item.key);
    const done = await onRedis(() =>
      runScript(
        this.redis,
        COMPLETE,
        [ITEM_PREFIX + id, DUE, DEAD, UNREACHABLE],
        [id, item.claim ?? '', JSON.stringify(item.payload)],
      ),
    );
    return done === 1;
  }

  async retry(
    item: OutboxItem,
    nextAttemptAt: number,
    error: string,
    dead: boolean,
    reason: WaitReason = 'refused',
  ): Promise<void> {
    const id = idOf(item.kind, item.key);
    await onRedis(() =>
      runScript(
        this.redis,
        RETRY,
        [ITEM_PREFIX + id, DUE, DEAD, UNREACHABLE],
        [
          id,
          item.claim ?? '',
          item.attempts + 1,
          nextAttemptAt,
          error.slice(0, 1000),
          dead ? '1' : '0',
          reason === 'unreachable' ? '1' : '0',
        ],
      ),
    );
  }

  async makeUnreachableDue(now = Date.now()): Promise<number> {
    return (await onRedis(() => runScript(this.redis, UNREACHABLE_DUE, [DUE, UNREACHABLE], [now]))) as number;
  }

  async makeAllDue(now = Date.now()): Promise<number> {
    return (await onRedis(() => runScript(this.redis, ALL_DUE, [DUE, DEAD], [now]))) as number;
  }

  async counts(): Promise<{ pending: number; dead: number }> {
    const [pending, dead] = await onRedis(() => Promise.all([this.redis.zcard(DUE), this.redis.scard(DEAD)]));
    return { pending, dead };
  }
}
