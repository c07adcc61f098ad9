import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { prepareNestService } from '@puente/server-kit';
import pino from 'pino';
import { AppModule } from '../app.module';
import { configureSalesforceEmulator } from '../configure-app';
import { EMULATOR_CONFIG, EMULATOR_LOGGER } from '../org/org.module';
import { SalesforceOrg } from '../org/salesforce-org';
import { loadSalesforceEmulatorConfig, type SalesforceEmulatorConfig } from '../salesforce-emulator.config';

export interface TestEmulator {
  app: INestApplication;
  /** "http://127.0.0.1:PORT": login URL and instance URL alike. */
  url: string;
  org: SalesforceOrg;
  close(): Promise<void>;
}

/**
 * The whole emulator over HTTP on an ephemeral port, in memory, with a small
 * deterministic seed and SOSL without lag unless a test asks otherwise.
 */
export async function startTestEmulator(
  overrides: Partial<SalesforceEmulatorConfig> = {},
): Promise<TestEmulator> {
  const config: SalesforceEmulatorConfig = {
    ...loadSalesforceEmulatorConfig({}),
    SALESFORCE_EMULATOR_PERSIST: false,
    SALESFORCE_EMULATOR_SEED_RECORDS: 400,
    SALESFORCE_EMULATOR_SOSL_LAG_MS: 0,
    ...overrides,
  };
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(EMULATOR_CONFIG)
    .useValue(config)
    .overrideProvider(EMULATOR_LOGGER)
    .useValue(pino({ level: 'silent' }))
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  // What main.ts's startNestService does between creating and listening: the same server, hardened.
  await prepareNestService(app, { corsOrigins: ['*'], configure: configureSalesforceEmulator });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, org: app.get(SalesforceOrg), close: () => app.close() };
}
