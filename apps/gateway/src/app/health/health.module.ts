import { Module } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { HealthController } from './health.controller';
import { DialerModule } from '../dialer/dialer.module';
import { DIALER, type Dialer } from '../dialer/dialer.port';
import type { ContactDb } from '@puente/contact-center-db';
import { CONTACT_DB } from '../contact-db/contact-db.module';
import { salesforceProbe } from './http-probes';
import { StatusGateway } from './status.gateway';
import { UPSTREAM_PROBES } from './upstream-probe';
import { UpstreamHealthService } from './upstream-health.service';

@Module({
  imports: [DialerModule],
  controllers: [HealthController],
  providers: [
    {
      provide: UPSTREAM_PROBES,
      inject: [GATEWAY_CONFIG, DIALER, CONTACT_DB],
      useFactory: (config: GatewayConfig, dialer: Dialer, db: ContactDb) => [
        // Through the dialer adapter, so a successful probe also closes its circuit breaker.
        { name: 'dialer' as const, check: () => dialer.health() },
        salesforceProbe(config.SALESFORCE_URL),
        // The IVR's contact insert (D1) and click-to-dial look-ups depend on it.
        { name: 'database' as const, check: () => db.ping() },
      ],
    },
    UpstreamHealthService,
    StatusGateway,
  ],
  exports: [UpstreamHealthService],
})
export class HealthModule {}
