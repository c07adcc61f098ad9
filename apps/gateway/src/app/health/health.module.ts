import { Module } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { HealthController } from './health.controller';
import { dialerProbe, salesforceProbe } from './http-probes';
import { StatusGateway } from './status.gateway';
import { UPSTREAM_PROBES } from './upstream-probe';
import { UpstreamHealthService } from './upstream-health.service';

@Module({
  controllers: [HealthController],
  providers: [
    {
      provide: UPSTREAM_PROBES,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig) => [
        dialerProbe(config.DIALER_URL),
        salesforceProbe(config.SALESFORCE_URL),
      ],
    },
    UpstreamHealthService,
    StatusGateway,
  ],
  exports: [UpstreamHealthService],
})
export class HealthModule {}
