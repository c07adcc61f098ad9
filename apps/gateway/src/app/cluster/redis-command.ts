import { createHash } from 'node:crypto';
import { type Redis, ReplyError } from 'ioredis';
import { RedisUnavailableError } from './redis.provider';

/**
 * Runs one Redis operation of a shared store: a failure to reach Redis (no
 * connection, the command time-out, a connection dropped twice) becomes
 * RedisUnavailableError, which the HTTP layer answers 503
 * REDIS_UNAVAILABLE; an error Redis itself replied (a script bug, a wrong
 * type) is a defect and stays what it is.
 */
export async function onRedis<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof RedisUnavailableError || error instanceof (ReplyError as typeof Error)) throw error;
    throw new RedisUnavailableError(error);
  }
}

type ScriptCommand = (numberOfKeys: number, ...keysAndArgs: RedisArgument[]) => Promise<unknown>;
type RedisArgument = string | number;

/** A name per script text for ioredis's defineCommand (scripts are module constants: a handful of names). */
const scriptNames = new Map<string, string>();

function scriptName(lua: string): string {
  let name = scriptNames.get(lua);
  if (!name) {
    name = `puenteScript${createHash('sha1').update(lua).digest('hex')}`;
    scriptNames.set(lua, name);
  }
  return name;
}

/**
 * Runs a Lua script on `keys` and `args` as EVAL would, but by its SHA1
 * (EVALSHA): ioredis's defineCommand sends the text once per connection,
 * and again only when Redis answers NOSCRIPT (a restarted Redis, a flushed
 * script cache). Sent with every call, the commit script's text was most
 * of what a node wrote to Redis per agent event, and Redis hashed it each
 * time (docs/performance.md, "Scripts by their hash").
 */
export function runScript(
  redis: Redis,
  lua: string,
  keys: readonly string[],
  args: readonly RedisArgument[],
): Promise<unknown> {
  const name = scriptName(lua);
  const commands = redis as unknown as Partial<Record<string, ScriptCommand>>;
  if (!commands[name]) redis.defineCommand(name, { lua });
  return (commands[name] as ScriptCommand).call(redis, keys.length, ...keys, ...args);
}
