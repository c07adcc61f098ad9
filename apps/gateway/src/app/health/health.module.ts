import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { DialerModule } from '../dialer/dialer.module';
import { DIALER, type Dialer } from '../dialer/dialer.port';
import type { ContactDb } from '@puente/contact-center-db';
import { CONTACT_DB } from '../contact-db/contact-db.module';
import { SalesforceHealthProbe } from '../crm/salesforce/salesforce-health';
import { SalesforceModule } from '../crm/salesforce/salesforce.module';
import { REDIS, type RedisConnection } from '../cluster/redis.provider';
import { UPSTREAM_PROBES, type UpstreamProbe } from './upstream-probe';
import { UpstreamHealthService } from './upstream-health.service';

@Module({
  imports: [DialerModule, SalesforceModule],
  controllers: [HealthController],
  providers: [
    {
      provide: UPSTREAM_PROBES,
      inject: [DIALER, SalesforceHealthProbe, CONTACT_DB, REDIS],
      useFactory: (
        dialer: Dialer,
        salesforce: SalesforceHealthProbe,
        db: ContactDb,
        redis: RedisConnection | null,
      ): UpstreamProbe[] => [
        // Through the dialer adapter, so a successful probe also closes its circuit breaker.
        { name: 'dialer' as const, check: (signal: AbortSignal) => dialer.health(signal) },
        // What the gateway's own Salesforce calls see: the circuit, their outcomes, an authenticated probe.
        salesforce,
        // The IVR's contact insert (D1) and click-to-dial look-ups depend on it.
        { name: 'database' as const, check: (signal: AbortSignal) => db.ping(signal) },
        // Cluster mode only (REDIS_URL): shared state, leases and the socket.io adapter live there.
        ...(redis ? [{ name: 'redis' as const, check: (signal: AbortSignal) => redis.ping(signal) }] : []),
      ],
    },
    UpstreamHealthService,
  ],
  exports: [UpstreamHealthService],
})
export class HealthModule {}
