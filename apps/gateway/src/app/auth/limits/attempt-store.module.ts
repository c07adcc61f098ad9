import { Module } from '@nestjs/common';
import { REDIS, type RedisConnection } from '../../cluster/redis.provider';
import { SqliteStorage } from '../../store/sqlite-storage';
import { ATTEMPT_STORE, type AttemptStore } from './attempt-store';
import { RedisAttemptStore } from './redis-attempt-store';
import { SqliteAttemptStore } from './sqlite-attempt-store';

/** Chooses the AttemptStore: shared on Redis with REDIS_URL (several nodes count together), else the node's SQLite. */
@Module({
  providers: [
    {
      provide: ATTEMPT_STORE,
      inject: [SqliteStorage, REDIS],
      useFactory: (storage: SqliteStorage, redis: RedisConnection | null): AttemptStore =>
        redis ? new RedisAttemptStore(redis.client) : new SqliteAttemptStore(storage),
    },
  ],
  exports: [ATTEMPT_STORE],
})
export class AttemptStoreModule {}
