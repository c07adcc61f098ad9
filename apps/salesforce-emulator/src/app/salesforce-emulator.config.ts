import { DEFAULT_PORTS } from '@puente/contracts';
import {
  boolVar,
  enumVar,
  envVar,
  type EnvValues,
  intVar,
  loadEnv,
  LOG_LEVELS,
  portVar,
  stringVar,
} from '@puente/server-kit';
import { z } from 'zod';

/** A share between 0 and 1 (fault injection rates). */
function rateVar(defaultValue: number, description: string) {
  return envVar(
    z
      .string()
      .regex(/^(0(\.\d+)?|1(\.0+)?)$/, 'must be a number between 0 and 1')
      .transform(Number)
      .default(defaultValue),
    description,
  );
}

/** Every variable the Salesforce emulator reads (documented in docs/configuration.md). */
export const salesforceEmulatorEnv = {
  SALESFORCE_EMULATOR_PORT: portVar(DEFAULT_PORTS.salesforceEmulator, 'HTTP port of the Salesforce emulator'),
  SALESFORCE_EMULATOR_HOST: stringVar('127.0.0.1', 'Interface the Salesforce emulator binds to'),
  SALESFORCE_EMULATOR_PUBLIC_URL: envVar(
    z
      .union([z.literal('auto'), z.url({ protocol: /^https?$/, error: 'must be auto or an http(s) URL' })])
      .default('auto'),
    'Base URL the org gives clients as instance_url and in identity URLs; auto: the URL each request was sent to',
  ),
  PUENTE_DATA_DIR: stringVar(
    '.data',
    'Folder where the emulators keep their data between runs (the org in salesforce/)',
  ),
  SALESFORCE_EMULATOR_PERSIST: boolVar(
    true,
    'Keep the org in PUENTE_DATA_DIR between runs; false: in memory only',
  ),
  SALESFORCE_EMULATOR_SEED: intVar(
    20240515,
    'Seed of the demo data generator: the same seed gives the same records',
  ),
  SALESFORCE_EMULATOR_SEED_RECORDS: intVar(
    3000,
    'Accounts, Contacts, Leads and Opportunities a new org is seeded with (0: users only)',
    0,
    50000,
  ),
  SALESFORCE_EMULATOR_CLIENT_ID: stringVar('puente-demo', 'Consumer key of the connected app'),
  SALESFORCE_EMULATOR_CLIENT_SECRET: stringVar('puente-demo-secret', 'Consumer secret of the connected app', {
    secret: true,
  }),
  SALESFORCE_EMULATOR_INTEGRATION_USER: stringVar(
    'integration@puente.demo',
    'Username the client-credentials flow runs as',
  ),
  SALESFORCE_EMULATOR_DEMO_PASSWORD: stringVar(
    'puente-demo',
    'Password of every seeded user (username-password flow)',
    {
      secret: true,
    },
  ),
  SALESFORCE_EMULATOR_JWT_PUBLIC_KEY: stringVar(
    'none',
    'PEM file (public key or X.509 certificate) that verifies JWT bearer assertions; none: the flow is off',
  ),
  SALESFORCE_EMULATOR_TOKEN_TTL_SECONDS: intVar(
    7200,
    'Session time-out: an access token expires after this many seconds unused',
    1,
  ),
  SALESFORCE_EMULATOR_LOGINS_PER_HOUR: intVar(
    3600,
    "Logins allowed per user per hour, as on a real org; beyond it that user's token requests are refused",
    1,
  ),
  SALESFORCE_EMULATOR_DAILY_API_LIMIT: intVar(
    100000,
    'DailyApiRequests allowance; calls beyond it get REQUEST_LIMIT_EXCEEDED',
    1,
  ),
  SALESFORCE_EMULATOR_LATENCY_MS: intVar(0, 'Delay added to every API and OAuth call', 0, 60000),
  SALESFORCE_EMULATOR_ERROR_RATE: rateVar(0, 'Share of API calls (0 to 1) answered 500 UNKNOWN_EXCEPTION'),
  SALESFORCE_EMULATOR_UNAUTHORIZED_RATE: rateVar(
    0,
    "Share of API calls (0 to 1) answered 401 INVALID_SESSION_ID, ending the caller's session so that it must refresh",
  ),
  SALESFORCE_EMULATOR_REQUEST_LIMIT_EXCEEDED: boolVar(
    false,
    'Answer every API call 403 REQUEST_LIMIT_EXCEEDED, as an org over its daily allowance does',
  ),
  SALESFORCE_EMULATOR_SOSL_LAG_MS: intVar(
    5000,
    'How long a saved record takes to become findable by SOSL',
    0,
  ),
  SALESFORCE_EMULATOR_PHONE_COUNTRY: envVar(
    z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as AR')
      .default('AR'),
    'Country of phone numbers written without an international prefix (PhoneIndex__c)',
  ),
  SALESFORCE_EMULATOR_PACKAGE_DIR: stringVar(
    'auto',
    "Puente's Salesforce DX package the org takes its custom fields and objects from; auto: salesforce/ beside the build or in the repository",
  ),
  SALESFORCE_EMULATOR_PHONE_INDEX: boolVar(
    true,
    "Deploy the package's PhoneIndex__c and its trigger; false: an org without them, where the gateway finds callers with SOSL",
  ),
  LOG_LEVEL: enumVar(LOG_LEVELS, 'info', 'Lowest log level written'),
  LOG_FORMAT: enumVar(['json', 'pretty'] as const, 'json', 'json for machines, pretty for a terminal'),
};

export type SalesforceEmulatorConfig = EnvValues<typeof salesforceEmulatorEnv>;

export function loadSalesforceEmulatorConfig(env: NodeJS.ProcessEnv = process.env): SalesforceEmulatorConfig {
  return loadEnv(salesforceEmulatorEnv, env);
}
