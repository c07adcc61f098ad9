import { type DynamicModule, Module } from '@nestjs/common';
import type { GatewayConfig } from '../config/gateway.config';
import { servesMetrics } from '../config/production';
import { MetricsController } from './metrics.controller';
import { MetricsListener } from './metrics-listener';
import { MetricsService } from './metrics.service';

/** The gateway's metrics; /metrics on the main port only where the configuration allows it (issue 14 §10). */
@Module({})
export class MetricsModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      controllers: servesMetrics(config) ? [MetricsController] : [],
      providers: [MetricsService, MetricsListener],
      exports: [MetricsService],
    };
  }
}
