import type { Provider } from '@nestjs/common';
import { REDIS, type RedisConnection } from '../cluster/redis.provider';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { SqliteStorage } from '../store/sqlite-storage';
import { IdempotencyRepository } from './idempotency.repository';
import { RedisIdempotencyRepository } from './redis-idempotency.repository';
import { SqliteIdempotencyRepository } from './sqlite-idempotency.repository';

/** With REDIS_URL the answers are shared (a retry on another node replays them); else the node's SQLite. */
export const idempotencyRepositoryProvider: Provider = {
  provide: IdempotencyRepository,
  inject: [SqliteStorage, REDIS, GATEWAY_CONFIG],
  useFactory: (storage: SqliteStorage, redis: RedisConnection | null, config: GatewayConfig) =>
    redis
      ? new RedisIdempotencyRepository(redis.client, config.IDEMPOTENCY_TTL_SECONDS * 1000)
      : new SqliteIdempotencyRepository(storage),
};
