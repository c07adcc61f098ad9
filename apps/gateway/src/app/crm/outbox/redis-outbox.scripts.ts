/**
 * The shared outbox's Lua scripts (redis-outbox.repository.ts), each one
 * atomic in Redis. Item ids are `<kind>:<key>`; the item's hash is
 * `puente:outbox:item:<id>` with kind, key, payload (JSON), attempts, next
 * (when it is due, on the caller's clock), lastError, dead, unreachable,
 * version (one more per enqueue) and claim (while a node writes it).
 */
export const ITEM_PREFIX = 'puente:outbox:item:';
/** Pending ids scored by when they are due; a claimed id by when its claim runs out. */
export const DUE = 'puente:outbox:due';
/** Parked ids (Salesforce kept refusing them): only an operator's retry brings them back. */
export const DEAD = 'puente:outbox:dead';
/** Ids that wait only because Salesforce could not be reached (sent at once when it answers again). */
export const UNREACHABLE = 'puente:outbox:unreachable';
/** Claim numbers: unique for the life of the data, so a claim of an earlier life of an item never matches. */
export const CLAIMS = 'puente:outbox:claims';

// KEYS: item, due, dead. ARGV: id, kind, key, payload, now, expected version.
// Writes the merged payload only if nobody merged since it was read (else 0: read and merge again).
// A claimed item keeps its score (its claim's end): the node writing it sees the new payload when it
// completes and makes it due then, so two nodes never write the same item at once.
export const ENQUEUE = `
local version = redis.call('HGET', KEYS[1], 'version') or '0'
if version ~= ARGV[6] then return 0 end
if version == '0' then
  redis.call('HSET', KEYS[1], 'kind', ARGV[2], 'key', ARGV[3], 'unreachable', '0')
end
redis.call('HSET', KEYS[1], 'payload', ARGV[4], 'attempts', 0, 'next', ARGV[5], 'dead', '0',
  'version', tonumber(version) + 1)
redis.call('SREM', KEYS[3], ARGV[1])
if not redis.call('HGET', KEYS[1], 'claim') then redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1]) end
return 1`;

// KEYS: due, claims counter. ARGV: now, limit, claim ms.
// Hands out what is due (expired claims included) and claims it until now + claim ms.
export const CLAIM = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, id in ipairs(ids) do
  local item = '${ITEM_PREFIX}' .. id
  local f = redis.call('HMGET', item, 'kind', 'key', 'payload', 'attempts', 'lastError')
  if not f[1] then
    redis.call('ZREM', KEYS[1], id)
  else
    local claim = tostring(redis.call('INCR', KEYS[2]))
    redis.call('HSET', item, 'claim', claim)
    redis.call('ZADD', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[3]), id)
    out[#out + 1] = { f[1], f[2], f[3], f[4], f[5] or '', f[5] and '1' or '0', claim }
  end
end
return out`;

// KEYS: item, due, dead, unreachable. ARGV: id, claim, payload written.
// 1: written as it stands, removed. 0: not this claim's any more, or merged into meanwhile (due again).
export const COMPLETE = `
if redis.call('HGET', KEYS[1], 'claim') ~= ARGV[2] then return 0 end
if redis.call('HGET', KEYS[1], 'payload') == ARGV[3] then
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('SREM', KEYS[3], ARGV[1])
  redis.call('SREM', KEYS[4], ARGV[1])
  return 1
end
redis.call('HDEL', KEYS[1], 'claim')
redis.call('ZADD', KEYS[2], redis.call('HGET', KEYS[1], 'next'), ARGV[1])
return 0`;

// KEYS: item, due, dead, unreachable. ARGV: id, claim, attempts, next, error, dead (1/0), unreachable (1/0).
export const RETRY = `
if redis.call('HGET', KEYS[1], 'claim') ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], 'attempts', ARGV[3], 'next', ARGV[4], 'lastError', ARGV[5],
  'dead', ARGV[6], 'unreachable', ARGV[7])
redis.call('HDEL', KEYS[1], 'claim')
if ARGV[6] == '1' then
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('SADD', KEYS[3], ARGV[1])
else
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
  redis.call('SREM', KEYS[3], ARGV[1])
end
if ARGV[7] == '1' then redis.call('SADD', KEYS[4], ARGV[1]) else redis.call('SREM', KEYS[4], ARGV[1]) end
return 1`;

// KEYS: due, unreachable. ARGV: now. What waits for Salesforce only, unclaimed and not yet due, is due now.
export const UNREACHABLE_DUE = `
local n = 0
for _, id in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local item = '${ITEM_PREFIX}' .. id
  local f = redis.call('HMGET', item, 'kind', 'dead', 'claim')
  if not f[1] then
    redis.call('SREM', KEYS[2], id)
  elseif f[2] ~= '1' and not f[3] then
    local score = redis.call('ZSCORE', KEYS[1], id)
    if score and tonumber(score) > tonumber(ARGV[1]) then
      redis.call('ZADD', KEYS[1], ARGV[1], id)
      redis.call('HSET', item, 'next', ARGV[1])
      n = n + 1
    end
  end
end
return n`;

// KEYS: due, dead. ARGV: now. Parked writes and those waiting (unclaimed) are due now, attempts from 0.
export const ALL_DUE = `
local n = 0
for _, id in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local item = '${ITEM_PREFIX}' .. id
  if redis.call('EXISTS', item) == 1 then
    redis.call('HSET', item, 'dead', '0', 'attempts', 0, 'next', ARGV[1])
    redis.call('ZADD', KEYS[1], ARGV[1], id)
    n = n + 1
  end
  redis.call('SREM', KEYS[2], id)
end
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[1], '+inf')) do
  local item = '${ITEM_PREFIX}' .. id
  if redis.call('EXISTS', item) == 0 then
    redis.call('ZREM', KEYS[1], id)
  elseif not redis.call('HGET', item, 'claim') then
    redis.call('HSET', item, 'attempts', 0, 'next', ARGV[1])
    redis.call('ZADD', KEYS[1], ARGV[1], id)
    n = n + 1
  end
end
return n`;
