import type { Redis } from 'ioredis';
import { runScript } from './redis-command';

/**
 * A named lease in Redis with a fencing token (issue 18 §2).
 *
 * The lease key is a hash {holder, token} that expires after its TTL unless
 * its holder renews it. Each acquisition takes a new token from a counter
 * per name (INCR), so tokens only grow: whoever holds token 8 knows that
 * anything written under token 7 came from a holder that has lost the lease.
 *
 * A TTL alone cannot stop a holder that paused (GC, a frozen VM) from
 * writing after its lease ran out and someone else took it. Writes that
 * must come from the holder therefore go through `checkAndSet` (or a script
 * built the same way), which compares the token with the live lease inside
 * Redis, atomically with the write: a stale holder's write is refused.
 *
 * The counter starts at Redis's clock in milliseconds the first time a name
 * is used, so after a Redis restart without persistence (the counter is
 * gone) new tokens are still larger than the old ones.
 */
export interface LeaseGrant {
  readonly name: string;
  readonly holderId: string;
  readonly token: number;
}

const PREFIX = 'puente:lease:';
const leaseKey = (name: string) => `${PREFIX}${name}`;
const counterKey = (name: string) => `${PREFIX}${name}:token`;

// KEYS: lease, counter. ARGV: holder, ttl ms. The same holder asking again keeps its token.
const ACQUIRE = `
local holder = redis.call('HGET', KEYS[1], 'holder')
if holder then
  if holder == ARGV[1] then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return tonumber(redis.call('HGET', KEYS[1], 'token'))
  end
  return false
end
if redis.call('EXISTS', KEYS[2]) == 0 then
  local now = redis.call('TIME')
  redis.call('SET', KEYS[2], string.format('%d', tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)))
end
local token = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[1], 'holder', ARGV[1], 'token', token)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return token`;

// KEYS: lease. ARGV: holder, token, ttl ms. Compare-and-pexpire.
const RENEW = `
if redis.call('HGET', KEYS[1], 'holder') == ARGV[1] and redis.call('HGET', KEYS[1], 'token') == ARGV[2] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return 0`;

// KEYS: lease. ARGV: holder, token. Compare-and-delete.
const RELEASE = `
if redis.call('HGET', KEYS[1], 'holder') == ARGV[1] and redis.call('HGET', KEYS[1], 'token') == ARGV[2] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

// KEYS: lease, target. ARGV: token, value, ttl ms (0: none). The fenced write.
const CHECK_AND_SET = `
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then return 0 end
if tonumber(ARGV[3]) > 0 then
  redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
else
  redis.call('SET', KEYS[2], ARGV[2])
end
return 1`;

export class RedisLeases {
  constructor(private readonly redis: Redis) {}

  /** The lease, with a new fencing token, if nobody else holds it; null if someone does. */
  async acquire(name: string, holderId: string, ttlMs: number): Promise<LeaseGrant | null> {
    const token = (await runScript(
      this.redis,
      ACQUIRE,
      [leaseKey(name), counterKey(name)],
      [holderId, ttlMs],
    )) as number | null;
    return token === null ? null : { name, holderId, token };
  }

  /** Extends the lease by ttlMs; false when the grant is no longer the live lease (expired, taken over). */
  async renew(grant: LeaseGrant, ttlMs: number): Promise<boolean> {
    const renewed = await runScript(
      this.redis,
      RENEW,
      [leaseKey(grant.name)],
      [grant.holderId, grant.token, ttlMs],
    );
    return renewed === 1;
  }

  /** Gives the lease up at once (a clean shutdown); a no-op for a grant that is no longer live. */
  async release(grant: LeaseGrant): Promise<boolean> {
    const released = await runScript(
      this.redis,
      RELEASE,
      [leaseKey(grant.name)],
      [grant.holderId, grant.token],
    );
    return released === 1;
  }

  /** The live lease of a name, if any (for operators and tests). */
  async current(name: string): Promise<{ holderId: string; token: number } | null> {
    const [holder, token] = await this.redis.hmget(leaseKey(name), 'holder', 'token');
    return holder && token ? { holderId: holder, token: Number(token) } : null;
  }

  /**
   * Sets `key` only if `token` is still the live token of lease `name`,
   * checked inside Redis with the write. False: a stale holder, refused.
   */
  async checkAndSet(name: string, token: number, key: string, value: string, ttlMs = 0): Promise<boolean> {
    const written = await runScript(this.redis, CHECK_AND_SET, [leaseKey(name), key], [token, value, ttlMs]);
    return written === 1;
  }
}
