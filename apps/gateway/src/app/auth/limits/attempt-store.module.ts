import { Module } from '@nestjs/common';
import { SqliteStorage } from '../../store/sqlite-storage';
import { ATTEMPT_STORE } from './attempt-store';
import { SqliteAttemptStore } from './sqlite-attempt-store';

/** Chooses the AttemptStore: the node's SQLite today; a shared one (Redis) when the gateway runs several nodes. */
@Module({
  providers: [
    {
      provide: ATTEMPT_STORE,
      inject: [SqliteStorage],
      useFactory: (storage: SqliteStorage) => new SqliteAttemptStore(storage),
    },
  ],
  exports: [ATTEMPT_STORE],
})
export class AttemptStoreModule {}
