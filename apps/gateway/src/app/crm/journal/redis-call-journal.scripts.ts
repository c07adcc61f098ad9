/**
 * The shared call journal's Lua scripts (redis-call-journal.repository.ts).
 * An entry is the hash `puente:journal:call:<callId>` (agentId, contactId,
 * crmId, dialNote, wrapUpNote, ended and released as JSON, endedAt, done,
 * createdAt; a field left out is null), expiring CALL_JOURNAL_RETENTION_MS
 * after it was first written. Indexes: the agent's entries not released yet
 * (`open:<agentId>`), the released ones whose Task is not completed yet
 * (`unfinished`), and every entry by creation time (`by-created`, what the
 * sweep reads).
 */
export const CALL_PREFIX = 'puente:journal:call:';
export const OPEN_PREFIX = 'puente:journal:open:';
export const UNFINISHED = 'puente:journal:unfinished';
export const BY_CREATED = 'puente:journal:by-created';

// Creates the entry if it is not there: agent, creation time, expiry, indexes.
// KEYS[1] the entry, KEYS[2] by-created; ARGV[1] callId, ARGV[2] agentId, now and retention as named.
const CREATE = (now: string, retention: string) => `
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'agentId', ARGV[2], 'done', '0', 'createdAt', ${now})
  redis.call('PEXPIRE', KEYS[1], ${retention})
  redis.call('ZADD', KEYS[2], ${now}, ARGV[1])
  redis.call('SADD', '${OPEN_PREFIX}' .. ARGV[2], ARGV[1])
  redis.call('PEXPIRE', '${OPEN_PREFIX}' .. ARGV[2], ${retention})
end`;

// KEYS: entry, by-created. ARGV: callId, agentId, note, now, retention.
export const DIAL_NOTE = `${CREATE('ARGV[4]', 'ARGV[5]')}
redis.call('HSET', KEYS[1], 'dialNote', ARGV[3])
return 1`;

// KEYS: entry, by-created. ARGV: callId, agentId, contactId, note, has note (1/0), now, retention.
// The note replaces the one before (a null one too); the contact is kept if the entry had one.
export const WRAP_UP_NOTE = `${CREATE('ARGV[6]', 'ARGV[7]')}
if ARGV[5] == '1' then redis.call('HSET', KEYS[1], 'wrapUpNote', ARGV[4])
else redis.call('HDEL', KEYS[1], 'wrapUpNote') end
if redis.call('HEXISTS', KEYS[1], 'contactId') == 0 then redis.call('HSET', KEYS[1], 'contactId', ARGV[3]) end
return 1`;

// KEYS: entry, by-created. ARGV: callId, agentId, contactId ('' none), crmId ('' none), ended JSON, now, retention.
// The agent and what the Task is built from replace what was there; ids given replace, ids not given
// keep the old ones; the first end time stays (a replayed end must not move it).
export const ENDED = `
local before = redis.call('HGET', KEYS[1], 'agentId')
${CREATE('ARGV[6]', 'ARGV[7]')}
redis.call('HSET', KEYS[1], 'agentId', ARGV[2], 'ended', ARGV[5])
if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'contactId', ARGV[3]) end
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'crmId', ARGV[4]) end
redis.call('HSETNX', KEYS[1], 'endedAt', ARGV[6])
if before and before ~= ARGV[2] then
  redis.call('SREM', '${OPEN_PREFIX}' .. before, ARGV[1])
  if not redis.call('HGET', KEYS[1], 'released') then
    redis.call('SADD', '${OPEN_PREFIX}' .. ARGV[2], ARGV[1])
    redis.call('PEXPIRE', '${OPEN_PREFIX}' .. ARGV[2], ARGV[7])
  end
end
return 1`;

// KEYS: open (the agent's), unfinished. ARGV: agentId, contactId, outcome JSON.
// Records the outcome on each of the agent's open entries with that contact, at once; answers their ids.
export const RELEASE = `
local out = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local entry = '${CALL_PREFIX}' .. id
  local f = redis.call('HMGET', entry, 'agentId', 'contactId', 'released', 'done')
  if not f[1] or f[1] ~= ARGV[1] or f[3] then
    -- Gone (expired), moved to another agent, or released: not open here any more.
    redis.call('SREM', KEYS[1], id)
  elseif f[4] ~= '1' and f[2] == ARGV[2] then
    redis.call('HSET', entry, 'released', ARGV[3])
    redis.call('SREM', KEYS[1], id)
    redis.call('SADD', KEYS[2], id)
    out[#out + 1] = id
  end
end
return out`;

// KEYS: entry, unfinished. ARGV: callId. Only an entry that is there is marked done.
export const FINISH = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HSET', KEYS[1], 'done', '1')
  local agent = redis.call('HGET', KEYS[1], 'agentId')
  if agent then redis.call('SREM', '${OPEN_PREFIX}' .. agent, ARGV[1]) end
end
redis.call('SREM', KEYS[2], ARGV[1])
return 1`;

// KEYS: by-created, unfinished. ARGV: cut (exclusive), batch.
// Drops the entries created before the cut, and their ids from every index; answers how many it read.
export const SWEEP = `
local old = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, id in ipairs(old) do
  local entry = '${CALL_PREFIX}' .. id
  local agent = redis.call('HGET', entry, 'agentId')
  redis.call('DEL', entry)
  if agent then redis.call('SREM', '${OPEN_PREFIX}' .. agent, id) end
  redis.call('SREM', KEYS[2], id)
  redis.call('ZREM', KEYS[1], id)
end
return #old`;
