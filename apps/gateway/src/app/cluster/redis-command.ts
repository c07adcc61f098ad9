import { ReplyError } from 'ioredis';
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
