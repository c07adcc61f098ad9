import {
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { createLogger } from '@puente/server-kit';
import type { Logger } from 'pino';
import { DataApi } from '../rest/data-api';
import { loadSalesforceEmulatorConfig, type SalesforceEmulatorConfig } from '../salesforce-emulator.config';
import { SalesforceOrg } from './salesforce-org';

/** The validated configuration; tests override it with `overrideProvider`. */
export const EMULATOR_CONFIG = Symbol('SALESFORCE_EMULATOR_CONFIG');
/** The pino logger the org writes to (its own instance, same settings as the one Nest logs through). */
export const EMULATOR_LOGGER = Symbol('SALESFORCE_EMULATOR_LOGGER');

/** Writes pending changes to the data folder when the service stops. */
@Injectable()
export class OrgLifecycle implements OnApplicationShutdown {
  constructor(@Inject(SalesforceOrg) private readonly org: SalesforceOrg) {}

  async onApplicationShutdown(): Promise<void> {
    await this.org.stop();
  }
}

const providers: Provider[] = [
  { provide: EMULATOR_CONFIG, useFactory: () => loadSalesforceEmulatorConfig() },
  {
    provide: EMULATOR_LOGGER,
    inject: [EMULATOR_CONFIG],
    useFactory: (config: SalesforceEmulatorConfig) =>
      createLogger('salesforce-emulator', config.LOG_LEVEL, config.LOG_FORMAT),
  },
  {
    // Loading or seeding happens before the first request can arrive: Nest awaits async factories.
    provide: SalesforceOrg,
    inject: [EMULATOR_CONFIG, EMULATOR_LOGGER],
    useFactory: async (config: SalesforceEmulatorConfig, logger: Logger) => {
      const org = new SalesforceOrg(config, logger);
      await org.start();
      return org;
    },
  },
  {
    provide: DataApi,
    inject: [SalesforceOrg, EMULATOR_LOGGER],
    useFactory: (org: SalesforceOrg, logger: Logger) => new DataApi(org, logger),
  },
  OrgLifecycle,
];

/** The one org of this process, shared by the HTTP controllers (and the console). */
@Global()
@Module({ providers, exports: [EMULATOR_CONFIG, EMULATOR_LOGGER, SalesforceOrg, DataApi] })
export class OrgModule {}
