import type { Redis } from 'ioredis';
import { onRedis, runScript } from '../cluster/redis-command';
import { SessionRepository, type StoredSession } from './session.repository';

const sessionKey = (id: string) => `puente:session:${id}`;
const agentKey = (agentId: string) => `puente:session-agent:${agentId}`;
const refreshKey = (hash: string) => `puente:session-refresh:${hash}`;
/** Session ids scored by refresh expiry: all() reads the live ones without a SCAN of the keyspace. */
const BY_EXPIRY = 'puente:session-by-expiry';

// KEYS: session, agent index, refresh index, by-expiry. ARGV: id, data, agentId, hash, expiresAt, now.
// Replaces the session whole, dropping the index of a refresh hash it no longer has.
const PUT = `
local old = redis.call('HGET', KEYS[1], 'refresh')
if old and old ~= ARGV[4] then redis.call('DEL', 'puente:session-refresh:' .. old) end
redis.call('HSET', KEYS[1], 'data', ARGV[2], 'agent', ARGV[3], 'refresh', ARGV[4])
redis.call('SET', KEYS[2], ARGV[1])
redis.call('SET', KEYS[3], ARGV[1])
for i = 1, 3 do redis.call('PEXPIREAT', KEYS[i], ARGV[5]) end
redis.call('ZADD', KEYS[4], ARGV[5], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', ARGV[6])
return 1`;

// KEYS: session, old refresh index, new refresh index. ARGV: from, to, id.
// The compare-and-set of a refresh: only the caller that still sees "from" rotates.
const ROTATE = `
if redis.call('HGET', KEYS[1], 'refresh') ~= ARGV[1] then return 0 end
local ttl = redis.call('PTTL', KEYS[1])
redis.call('HSET', KEYS[1], 'refresh', ARGV[2])
redis.call('DEL', KEYS[2])
redis.call('SET', KEYS[3], ARGV[3])
if ttl > 0 then redis.call('PEXPIRE', KEYS[3], ttl) end
return 1`;

// KEYS: session, by-expiry. ARGV: id. Removes the session and the indexes that still name it.
const DELETE = `
local fields = redis.call('HMGET', KEYS[1], 'agent', 'refresh')
if not fields[1] then redis.call('ZREM', KEYS[2], ARGV[1]) return 0 end
redis.call('DEL', KEYS[1])
redis.call('DEL', 'puente:session-refresh:' .. fields[2])
local agentKey = 'puente:session-agent:' .. fields[1]
if redis.call('GET', agentKey) == ARGV[1] then redis.call('DEL', agentKey) end
redis.call('ZREM', KEYS[2], ARGV[1])
return 1`;

/**
 * Sessions shared by the nodes (issue 18 §2): a hash per session
 * (`puente:session:<id>`: the session as JSON, its agent, its current
 * refresh hash), an index by agent and one by refresh hash, all expiring
 * with the refresh token (PEXPIREAT). The refresh hash lives in its own
 * field, the one a refresh rotates atomically (Lua compare-and-set), and
 * overrides the copy in the JSON on read.
 */
export class RedisSessionRepository extends SessionRepository {
  readonly shared = true;

  constructor(private readonly redis: Redis) {
    super();
  }

  async put(session: StoredSession): Promise<void> {
    await onRedis(() =>
      runScript(
        this.redis,
        PUT,
        [
          sessionKey(session.sessionId),
          agentKey(session.agentId),
          refreshKey(session.refreshHash),
          BY_EXPIRY,
        ],
        [
          session.sessionId,
          JSON.stringify(session),
          session.agentId,
          session.refreshHash,
          session.refreshExpiresAt,
          Date.now(),
        ],
      ),
    );
  }

  async get(sessionId: string): Promise<StoredSession | undefined> {
    const row = await onRedis(() => this.redis.hmget(sessionKey(sessionId), 'data', 'refresh'));
    const [data, refresh] = row;
    if (!data || !refresh) return undefined;
    return { ...(JSON.parse(data) as StoredSession), refreshHash: refresh };
  }

  async byRefresh(refreshHash: string): Promise<StoredSession | undefined> {
    const id = await onRedis(() => this.redis.get(refreshKey(refreshHash)));
    const session = id ? await this.get(id) : undefined;
    return session?.refreshHash === refreshHash ? session : undefined;
  }

  async byAgent(agentId: string): Promise<StoredSession | undefined> {
    const id = await onRedis(() => this.redis.get(agentKey(agentId)));
    return id ? this.get(id) : undefined;
  }

  async rotate(sessionId: string, from: string, to: string): Promise<boolean> {
    const done = await onRedis(() =>
      runScript(
        this.redis,
        ROTATE,
        [sessionKey(sessionId), refreshKey(from), refreshKey(to)],
        [from, to, sessionId],
      ),
    );
    return done === 1;
  }

  async delete(sessionId: string): Promise<boolean> {
    const done = await onRedis(() =>
      runScript(this.redis, DELETE, [sessionKey(sessionId), BY_EXPIRY], [sessionId]),
    );
    return done === 1;
  }

  async all(): Promise<StoredSession[]> {
    const ids = await onRedis(() => this.redis.zrangebyscore(BY_EXPIRY, `(${Date.now()}`, '+inf'));
    const sessions = await Promise.all(ids.map((id) => this.get(id)));
    return sessions.filter((s): s is StoredSession => s !== undefined);
  }
}
