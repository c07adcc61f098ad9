import type { Provider } from '@nestjs/common';
import { REDIS, type RedisConnection } from '../../cluster/redis.provider';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config/gateway.config';
import { SqliteStorage } from '../../store/sqlite-storage';
import { OutboxRepository } from './outbox.repository';
import { RedisOutboxRepository } from './redis-outbox.repository';
import { SqliteOutboxRepository } from './sqlite-outbox.repository';

export interface OutboxOptions {
  /** How long a node keeps a shared write to itself (cluster mode) before another may write it. */
  claimMs: number;
}

export const OUTBOX_OPTIONS = Symbol('OUTBOX_OPTIONS');

/**
 * A delivery makes up to four Salesforce calls (the owner, a synced record,
 * the Task look-up, its write), each bounded by SALESFORCE_TIMEOUT_MS: a
 * claim that outlasts them all with room to spare means that a node taking
 * over a dead node's write starts after that write has landed or failed.
 */
export const outboxOptionsProvider: Provider = {
  provide: OUTBOX_OPTIONS,
  inject: [GATEWAY_CONFIG],
  useFactory: (config: GatewayConfig): OutboxOptions => ({
    claimMs: 4 * config.SALESFORCE_TIMEOUT_MS + 10_000,
  }),
};

/** With REDIS_URL every node drains one shared outbox (claims per write); else the node's SQLite. */
export const outboxRepositoryProvider: Provider = {
  provide: OutboxRepository,
  inject: [SqliteStorage, REDIS, OUTBOX_OPTIONS],
  useFactory: (storage: SqliteStorage, redis: RedisConnection | null, options: OutboxOptions) =>
    redis ? new RedisOutboxRepository(redis.client, options.claimMs) : new SqliteOutboxRepository(storage),
};
