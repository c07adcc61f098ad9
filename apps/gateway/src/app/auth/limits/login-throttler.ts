import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import type { GatewayConfig } from '../../config/gateway.config';
import type { AttemptStore } from './attempt-store';
import { limitedRoute, rateKey } from './limit-keys';

/** What ThrottlerStorage.increment answers (the package does not export its name). */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** The throttler's storage on an AttemptStore (counts in milliseconds there, seconds here). */
export class AttemptThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly store: AttemptStore) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
  ): Promise<ThrottlerStorageRecord> {
    const count = await this.store.hit(key, ttl, limit, blockDuration);
    return {
      totalHits: count.hits,
      timeToExpire: Math.ceil(count.resetsInMs / 1000),
      isBlocked: count.blockedForMs > 0,
      timeToBlockExpire: Math.ceil(count.blockedForMs / 1000),
    };
  }
}

/**
 * Two throttlers for the @RateLimited routes: "address" (per client
 * address) and "account" (per user name on login, per session on refresh;
 * LoginLimitsGuard picks the tracker). Limits from the configuration, one
 * window for all; a key past its limit waits out the rest of a window.
 */
export function loginThrottlerOptions(config: GatewayConfig, store: AttemptStore): ThrottlerModuleOptions {
  const ttl = config.RATE_WINDOW_SECONDS * 1000;
  const per = (login: number, refresh: number) => (context: ExecutionContext) =>
    limitedRoute(context) === 'login' ? login : refresh;
  return {
    throttlers: [
      { name: 'address', ttl, limit: per(config.LOGIN_RATE_PER_ADDRESS, config.REFRESH_RATE_PER_ADDRESS) },
      { name: 'account', ttl, limit: per(config.LOGIN_RATE_PER_USER, config.REFRESH_RATE_PER_SESSION) },
    ],
    storage: new AttemptThrottlerStorage(store),
    // Retry-After only, set with the refusal: the remaining budget is nobody else's business.
    setHeaders: false,
    generateKey: (context, tracker, name) => rateKey(limitedRoute(context) ?? 'other', name, tracker),
  };
}
