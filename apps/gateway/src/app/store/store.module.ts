import { Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { GatewayStore } from './gateway-store';

@Global()
@Module({
  providers: [
    {
      provide: GatewayStore,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig) =>
        new GatewayStore(
          config.PUENTE_DATA_DIR === ':memory:' ? ':memory:' : join(config.PUENTE_DATA_DIR, 'gateway'),
          config.EVENT_BUFFER_SIZE,
        ),
    },
  ],
  exports: [GatewayStore],
})
export class StoreModule implements OnApplicationShutdown {
  constructor(private readonly store: GatewayStore) {}

  onApplicationShutdown(): void {
    this.store.close();
  }
}
