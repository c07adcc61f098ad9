import type { Redis } from 'ioredis';
import { onRedis, runScript } from '../cluster/redis-command';
import { type MissedCallsCursor, MissedCallsCursorStore } from './missed-calls-cursor.store';

/** The one cursor of the cluster (the missed-calls job reads for every node). */
export const MISSED_CALLS_CURSOR_KEY = 'puente:missed-calls:cursor';

/**
 * Writes the cursor unless it would move back within the same dialer run:
 * a node that lost the job while a page was under way (a pause past its
 * lease) must not rewind the cursor its successor already moved on, or the
 * successor would queue those Tasks again. Another epoch (the dialer
 * restarted) always replaces it.
 */
const SAVE = `
local current = redis.call('GET', KEYS[1])
if current then
  local ok, parsed = pcall(cjson.decode, current)
  if ok and type(parsed) == 'table' and parsed.epoch == ARGV[2] and tonumber(parsed.after) and tonumber(parsed.after) > tonumber(ARGV[3]) then
    return 0
  end
end
redis.call('SET', KEYS[1], ARGV[1])
return 1
`;

/** The missed-calls cursor in Redis (REDIS_URL set): shared, so the node that takes the job over reads on. */
export class RedisMissedCallsCursorStore extends MissedCallsCursorStore {
  constructor(private readonly redis: Redis) {
    super();
  }

  async load(): Promise<Partial<MissedCallsCursor> | undefined> {
    const value = await onRedis(() => this.redis.get(MISSED_CALLS_CURSOR_KEY));
    return value === null ? undefined : (JSON.parse(value) as Partial<MissedCallsCursor>);
  }

  async save(cursor: MissedCallsCursor): Promise<void> {
    const value = JSON.stringify(cursor);
    await onRedis(() =>
      runScript(this.redis, SAVE, [MISSED_CALLS_CURSOR_KEY], [value, cursor.epoch, String(cursor.after)]),
    );
  }
}
