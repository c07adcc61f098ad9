import { Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { SqliteStorage } from './sqlite-storage';

/**
 * The storage provider: one SQLite file per node, injected into the SQLite
 * repositories of the owning modules (auth, events, commands, ivr, crm,
 * supervision, call-center, inbound), never into services or controllers.
 */
@Global()
@Module({
  providers: [
    {
      provide: SqliteStorage,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig) =>
        new SqliteStorage(
          config.PUENTE_DATA_DIR === ':memory:' ? ':memory:' : join(config.PUENTE_DATA_DIR, 'gateway'),
        ),
    },
  ],
  exports: [SqliteStorage],
})
export class StoreModule implements OnApplicationShutdown {
  constructor(private readonly storage: SqliteStorage) {}

  onApplicationShutdown(): void {
    this.storage.close();
  }
}
