import { Module } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config/gateway.config';
import { MetricsService } from '../../metrics/metrics.service';
import { OrgPhoneSearch } from './org-phone-search';
import { SalesforceCircuit } from './salesforce-circuit';
import { SalesforceConnection } from './salesforce-connection';
import { SalesforceHealthProbe } from './salesforce-health';
import { salesforceMetrics } from './salesforce-metrics';

/**
 * The gateway's one connection to Salesforce: the circuit, the session and
 * the bounded transport every Salesforce call shares (the Crm adapter, the
 * outbox's deliveries, the health probe).
 */
@Module({
  providers: [
    {
      provide: SalesforceCircuit,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig) =>
        new SalesforceCircuit({
          failures: config.SALESFORCE_BREAKER_FAILURES,
          resetMs: config.SALESFORCE_BREAKER_RESET_MS,
          maxPauseMs: config.SALESFORCE_BREAKER_MAX_MS,
          maxLoginPauseMs: config.SALESFORCE_LOGIN_BACKOFF_MS,
        }),
    },
    {
      provide: SalesforceConnection,
      inject: [GATEWAY_CONFIG, SalesforceCircuit, MetricsService],
      useFactory: (config: GatewayConfig, circuit: SalesforceCircuit, metrics: MetricsService) =>
        new SalesforceConnection(
          {
            auth: {
              flow: config.SALESFORCE_AUTH,
              loginUrl: config.SALESFORCE_URL,
              clientId: config.SALESFORCE_CLIENT_ID,
              clientSecret: config.SALESFORCE_CLIENT_SECRET || undefined,
              username: config.SALESFORCE_USERNAME || undefined,
              password: config.SALESFORCE_PASSWORD || undefined,
              jwtKeyFile: config.SALESFORCE_JWT_KEY_FILE || undefined,
            },
            apiVersion: config.SALESFORCE_API_VERSION,
            timeoutMs: config.SALESFORCE_TIMEOUT_MS,
          },
          circuit,
          salesforceMetrics(metrics.registry, circuit),
        ),
    },
    // How the org finds callers by phone (issue 17 §3): the Crm adapter asks, the health probe reports.
    { provide: OrgPhoneSearch, useFactory: () => new OrgPhoneSearch() },
    {
      provide: SalesforceHealthProbe,
      inject: [GATEWAY_CONFIG, SalesforceConnection, OrgPhoneSearch],
      useFactory: (config: GatewayConfig, salesforce: SalesforceConnection, phoneSearch: OrgPhoneSearch) =>
        new SalesforceHealthProbe(salesforce, config.SALESFORCE_PROBE_INTERVAL_MS, phoneSearch),
    },
  ],
  exports: [SalesforceCircuit, SalesforceConnection, SalesforceHealthProbe, OrgPhoneSearch],
})
export class SalesforceModule {}
