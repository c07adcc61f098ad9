import { Logger } from '@nestjs/common';
import type { RememberedAnswer } from '@puente/server-kit';
import type { Redis } from 'ioredis';
import { onRedis, runScript } from '../cluster/redis-command';
import { RedisUnavailableError } from '../cluster/redis.provider';
import { IdempotencyRepository } from './idempotency.repository';

const PREFIX = 'puente:idem:';
/** Every answer's key scored by its createdAt, so expire() reads the old ones only (no SCAN of the keyspace). */
const BY_AGE = 'puente:idem-by-age';
const recordKey = (scope: string, key: string) => `${PREFIX}${scope}:${key}`;

// KEYS: record, index. ARGV: fingerprint, status, body JSON, createdAt, ttl ms.
const REMEMBER = `
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'fingerprint', ARGV[1], 'status', ARGV[2], 'body', ARGV[3], 'createdAt', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('ZADD', KEYS[2], ARGV[4], KEYS[1])
return 1`;

// KEYS: index. ARGV: cut (exclusive), batch. Deletes the records created before the cut, a batch at a time.
const EXPIRE = `
local old = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, key in ipairs(old) do
  local created = tonumber(redis.call('HGET', key, 'createdAt'))
  if created and created < tonumber(ARGV[1]) then redis.call('DEL', key) end
  redis.call('ZREM', KEYS[1], key)
end
return #old`;

const EXPIRE_BATCH = 500;

/**
 * Command answers shared by the nodes (issue 18 §2): a command retried on
 * another node with the same Idempotency-Key gets the first node's answer.
 * One hash per (scope, key), `puente:idem:<scope>:<key>`, gone by itself
 * after the TTL (PX); expire() also drops older ones through a sorted index.
 * Requests still in flight are known to their node only: a duplicate sent
 * to another node while the first runs is not held back there (the dialer,
 * which gets the same key, acts once).
 */
export class RedisIdempotencyRepository extends IdempotencyRepository {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly redis: Redis,
    private readonly ttlMs: number,
  ) {
    super();
  }

  async find(scope: string, key: string): Promise<RememberedAnswer | undefined> {
    const row = await onRedis(() => this.redis.hgetall(recordKey(scope, key)));
    if (row['fingerprint'] === undefined) return undefined;
    return {
      fingerprint: row['fingerprint'],
      status: Number(row['status']),
      body: JSON.parse(row['body'] ?? 'null') as unknown,
      createdAt: Number(row['createdAt']),
    };
  }

  /**
   * The command has acted by now: Redis going away at this moment must not
   * turn its answer into an error (the client would believe nothing
   * happened), so the failure is logged and the answer goes out unremembered.
   */
  async remember(scope: string, key: string, answer: RememberedAnswer): Promise<void> {
    try {
      await onRedis(() =>
        runScript(
          this.redis,
          REMEMBER,
          [recordKey(scope, key), BY_AGE],
          [
            answer.fingerprint,
            answer.status,
            JSON.stringify(answer.body ?? null),
            answer.createdAt,
            this.ttlMs,
          ],
        ),
      );
    } catch (error) {
      if (!(error instanceof RedisUnavailableError)) throw error;
      this.logger.warn(`answer of ${scope}:${key} not remembered: ${error.message}`);
    }
  }

  async expire(olderThan: number): Promise<void> {
    for (;;) {
      const dropped = (await onRedis(() =>
        runScript(this.redis, EXPIRE, [BY_AGE], [olderThan, EXPIRE_BATCH]),
      )) as number;
      if (dropped < EXPIRE_BATCH) return;
    }
  }
}
