import { RedisUnavailableError } from './redis.provider';

export interface Patience {
  /** Tries in all, the first included. */
  attempts: number;
  pauseMs: number;
}

/** About a minute: a Redis restart or failover, not an outage an operator must handle. */
export const REDIS_PATIENCE: Patience = { attempts: 60, pauseMs: 1000 };

/**
 * Runs `work` again while Redis cannot be reached (RedisUnavailableError),
 * pausing between tries, for work that must not be dropped on a Redis blip
 * (a call's Task). Any other failure, or Redis still away after the last
 * try, rejects as it came. `work` must be safe to run twice (idempotent
 * writes): a command whose answer was lost may have been carried out.
 * Without Redis (one node) nothing throws RedisUnavailableError: it runs once.
 */
export async function whenRedisAnswers<T>(
  work: () => Promise<T>,
  onWait: (error: RedisUnavailableError) => void = () => undefined,
  patience: Patience = REDIS_PATIENCE,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof RedisUnavailableError) || attempt >= patience.attempts) throw error;
      if (attempt === 1) onWait(error);
      await new Promise((resolve) => setTimeout(resolve, patience.pauseMs));
    }
  }
}
