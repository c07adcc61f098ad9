import { Module } from '@nestjs/common';
import { GatewayStore } from '../../store/gateway-store';
import { ATTEMPT_STORE } from './attempt-store';
import { SqliteAttemptStore } from './sqlite-attempt-store';

/** Chooses the AttemptStore: the node's SQLite today; a shared one (Redis) when the gateway runs several nodes. */
@Module({
  providers: [
    {
      provide: ATTEMPT_STORE,
      inject: [GatewayStore],
      useFactory: (store: GatewayStore) => new SqliteAttemptStore(store.database),
    },
  ],
  exports: [ATTEMPT_STORE],
})
export class AttemptStoreModule {}
