import { DEFAULT_PORTS } from '@puente/contracts';
import { enumVar, type EnvValues, loadEnv, LOG_LEVELS, portVar, stringVar } from '@puente/server-kit';

/** Every variable the Salesforce emulator reads (documented in docs/configuration.md). */
export const salesforceEmulatorEnv = {
  SALESFORCE_EMULATOR_PORT: portVar(DEFAULT_PORTS.salesforceEmulator, 'HTTP port of the Salesforce emulator'),
  SALESFORCE_EMULATOR_HOST: stringVar('127.0.0.1', 'Interface the Salesforce emulator binds to'),
  LOG_LEVEL: enumVar(LOG_LEVELS, 'info', 'Lowest log level written'),
  LOG_FORMAT: enumVar(['json', 'pretty'] as const, 'json', 'json for machines, pretty for a terminal'),
};

export type SalesforceEmulatorConfig = EnvValues<typeof salesforceEmulatorEnv>;

export function loadSalesforceEmulatorConfig(env: NodeJS.ProcessEnv = process.env): SalesforceEmulatorConfig {
  return loadEnv(salesforceEmulatorEnv, env);
}
