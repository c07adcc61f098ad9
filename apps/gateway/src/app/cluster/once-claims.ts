import type { Provider } from '@nestjs/common';
import { onRedis } from './redis-command';
import { REDIS, type RedisConnection } from './redis.provider';

/**
 * "Only one node does this": for work every node may be moved to do by the
 * same event (each node following an agent's events arms the same automatic
 * release) but that must act once per cluster. The first node to claim a
 * key acts; the others see false. One node (no Redis): always true.
 */
export abstract class OnceClaims {
  /** True for the first claim of `key` within `ttlMs`, cluster-wide. Rejects with RedisUnavailableError. */
  abstract claim(key: string, ttlMs: number): Promise<boolean>;
}

class LocalClaims extends OnceClaims {
  async claim(): Promise<boolean> {
    return true;
  }
}

class RedisClaims extends OnceClaims {
  constructor(private readonly redis: RedisConnection) {
    super();
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    const answer = await onRedis(() => this.redis.client.set(`puente:once:${key}`, '1', 'PX', ttlMs, 'NX'));
    return answer === 'OK';
  }
}

export const onceClaimsProvider: Provider = {
  provide: OnceClaims,
  inject: [REDIS],
  useFactory: (redis: RedisConnection | null) => (redis ? new RedisClaims(redis) : new LocalClaims()),
};
