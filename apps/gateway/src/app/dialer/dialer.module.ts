import { Module } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { MetricsService } from '../metrics/metrics.service';
import { DIALER } from './dialer.port';
import { NeoApiConnection } from './neoapi/neoapi-connection';
import { NeoApiDialerAdapter } from './neoapi/neoapi-dialer.adapter';

@Module({
  providers: [
    {
      provide: DIALER,
      inject: [GATEWAY_CONFIG, MetricsService],
      useFactory: (config: GatewayConfig, metrics: MetricsService) =>
        new NeoApiDialerAdapter(
          new NeoApiConnection(
            {
              baseUrl: config.DIALER_URL,
              timeoutMs: config.DIALER_TIMEOUT_MS,
              breakerFailures: config.DIALER_BREAKER_FAILURES,
              breakerResetMs: config.DIALER_BREAKER_RESET_MS,
            },
            metrics,
          ),
        ),
    },
  ],
  exports: [DIALER],
})
export class DialerModule {}
