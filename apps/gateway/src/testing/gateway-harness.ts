import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { prepareNestService } from '@puente/server-kit';
import { AppModule } from '../app/app.module';
import { loadGatewayConfig } from '../app/config/gateway.config';
import { GATEWAY_NEST_OPTIONS, gatewayHttpOptions } from '../app/http/gateway-http';
import { setupOpenApi } from '../app/openapi';
import { PuenteIoAdapter } from '../app/realtime/puente-io.adapter';
import { GatewayClient, TEST_IVR_KEY } from './gateway-client';

export { GatewayClient, PanelClient, TEST_IVR_KEY } from './gateway-client';

/** The shared test database (jest-global-setup.ts). */
function testContactDbUrl(): string {
  const url = process.env['PUENTE_TEST_CONTACT_DB_URL'];
  if (!url)
    throw new Error('PUENTE_TEST_CONTACT_DB_URL is not set: run the gateway tests through its jest config');
  return url;
}

export interface HarnessOptions {
  dialerUrl: string;
  salesforceUrl?: string;
  /** Reuse a state folder (gateway restart tests); a fresh temp folder otherwise. */
  dataDir?: string;
  env?: Record<string, string>;
  /** Replaces providers (e.g. the Crm port with a FakeCrm). */
  overrides?: { token: unknown; value: unknown }[];
  /** Receives the app's log records (silent when absent). */
  logger?: LoggerService;
}

/** A real gateway (Nest app on an ephemeral port) for integration tests. */
export class GatewayHarness extends GatewayClient {
  app!: INestApplication;
  readonly dataDir: string;

  constructor(private readonly options: HarnessOptions) {
    super();
    this.dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'gateway-'));
  }

  async start(): Promise<this> {
    const config = loadGatewayConfig({
      DIALER_URL: this.options.dialerUrl,
      SALESFORCE_URL: this.options.salesforceUrl ?? 'http://127.0.0.1:1',
      PUENTE_DATA_DIR: this.dataDir,
      HEALTH_PROBE_INTERVAL_MS: '60000',
      DIALER_POLL_INTERVAL_MS: '100',
      DIALER_TIMEOUT_MS: '1000',
      DIALER_BREAKER_RESET_MS: '300',
      CONTACT_DB_KIND: 'postgres',
      CONTACT_DB_URL: testContactDbUrl(),
      CONTACT_DB_POOL_MAX: '2',
      IVR_KEYS: `${TEST_IVR_KEY.id}:${TEST_IVR_KEY.secret}`,
      ...this.options.env,
    });
    let builder = Test.createTestingModule({ imports: [AppModule.forRoot(config)] });
    for (const o of this.options.overrides ?? [])
      builder = builder.overrideProvider(o.token).useValue(o.value);
    const moduleRef = await builder.compile();
    this.app = moduleRef.createNestApplication({
      ...GATEWAY_NEST_OPTIONS,
      logger: this.options.logger ?? false,
    });
    this.app.useWebSocketAdapter(new PuenteIoAdapter(this.app, ['*']));
    // The HTTP pipeline of main.ts (gateway-http.ts) and its API docs, so the tests see what production runs.
    const http = gatewayHttpOptions(['*']);
    await prepareNestService(this.app, {
      ...http,
      configure: (app) => {
        http.configure?.(app);
        setupOpenApi(app, config);
      },
    });
    await this.app.listen(0, '127.0.0.1');
    this.url = await this.app.getUrl();
    return this;
  }

  async stop(): Promise<void> {
    this.closePanels();
    await this.app.close();
  }
}
