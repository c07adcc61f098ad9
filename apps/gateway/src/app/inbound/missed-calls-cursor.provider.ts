import type { Provider } from '@nestjs/common';
import { REDIS, type RedisConnection } from '../cluster/redis.provider';
import { SqliteStorage } from '../store/sqlite-storage';
import { MissedCallsCursorStore } from './missed-calls-cursor.store';
import { RedisMissedCallsCursorStore } from './redis-missed-calls-cursor.store';
import { SqliteMissedCallsCursorStore } from './sqlite-missed-calls-cursor.store';

/** With REDIS_URL the cursor is the cluster's (the job may move between nodes); else the node's SQLite. */
export const missedCallsCursorStoreProvider: Provider = {
  provide: MissedCallsCursorStore,
  inject: [SqliteStorage, REDIS],
  useFactory: (storage: SqliteStorage, redis: RedisConnection | null) =>
    redis ? new RedisMissedCallsCursorStore(redis.client) : new SqliteMissedCallsCursorStore(storage),
};
