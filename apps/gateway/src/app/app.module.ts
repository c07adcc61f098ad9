import { type DynamicModule, Module } from '@nestjs/common';
import { GatewayConfigModule } from './config/gateway-config.module';
import type { GatewayConfig } from './config/gateway.config';
import { HealthModule } from './health/health.module';

@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return { module: AppModule, imports: [GatewayConfigModule.forRoot(config), HealthModule] };
  }
}
