import type { Redis } from 'ioredis';
import { onRedis, runScript } from '../../cluster/redis-command';
import type { AttemptCount, AttemptStore } from './attempt-store';

/*
 * Two keys per counter: `puente:attempt:<key>` a hash {hits, blocked} whose
 * PEXPIRE is set by the window's first hit (the fixed window), and
 * `…:block` holding the count that blocked it, with PX = the block. Each
 * operation is one script, so nodes counting the same key at once never
 * both slip under a limit. Times are Redis's own TTLs: no node clock.
 */

// Both: the state as {hits, blockedForMs, resetsInMs}; a block that has ended starts the key afresh.
const STATE = `
local function state()
  local block = redis.call('PTTL', KEYS[2])
  local window = math.max(redis.call('PTTL', KEYS[1]), 0)
  if block > 0 then return {tonumber(redis.call('GET', KEYS[2])), block, window} end
  if redis.call('HGET', KEYS[1], 'blocked') then redis.call('DEL', KEYS[1]) return {0, 0, 0} end
  local hits = redis.call('HGET', KEYS[1], 'hits')
  if not hits then return {0, 0, 0} end
  return {tonumber(hits), 0, window}
end
`;

// KEYS: counter, block. ARGV: window ms, limit, block ms.
const HIT = `${STATE}
local now = state()
if now[2] > 0 then return now end
local hits = redis.call('HINCRBY', KEYS[1], 'hits', 1)
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local window = math.max(redis.call('PTTL', KEYS[1]), 0)
if hits <= tonumber(ARGV[2]) then return {hits, 0, window} end
redis.call('HSET', KEYS[1], 'blocked', 1)
local block = tonumber(ARGV[3])
if block <= 0 then return {hits, 0, window} end
redis.call('SET', KEYS[2], hits, 'PX', block)
return {hits, block, window}`;

// KEYS: counter, block.
const PEEK = `${STATE}
return state()`;

// KEYS: counter, block. Answers 1 when the key was blocked.
const CLEAR = `
local blocked = redis.call('PTTL', KEYS[2]) > 0
redis.call('DEL', KEYS[1], KEYS[2])
if blocked then return 1 end
return 0`;

const counterKey = (key: string) => `puente:attempt:${key}`;
const blockKey = (key: string) => `puente:attempt:${key}:block`;

/** AttemptStore shared by the nodes of a cluster (issue 18 §2): lock-outs and rate limits count across nodes. */
export class RedisAttemptStore implements AttemptStore {
  constructor(private readonly redis: Redis) {}

  hit(key: string, windowMs: number, limit: number, blockMs: number): Promise<AttemptCount> {
    return this.run(HIT, key, windowMs, limit, blockMs);
  }

  peek(key: string): Promise<AttemptCount> {
    return this.run(PEEK, key);
  }

  async clear(key: string): Promise<boolean> {
    const cleared = await onRedis(() => runScript(this.redis, CLEAR, [counterKey(key), blockKey(key)], []));
    return cleared === 1;
  }

  private async run(script: string, key: string, ...args: number[]): Promise<AttemptCount> {
    const [hits, blockedForMs, resetsInMs] = (await onRedis(() =>
      runScript(this.redis, script, [counterKey(key), blockKey(key)], args),
    )) as [number, number, number];
    return { hits, blockedForMs, resetsInMs };
  }
}
