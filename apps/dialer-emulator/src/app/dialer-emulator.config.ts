import { DEFAULT_PORTS } from '@puente/contracts';
import {
  enumVar,
  envVar,
  type EnvValues,
  intVar,
  loadEnv,
  LOG_LEVELS,
  portVar,
  stringVar,
  urlVar,
} from '@puente/server-kit';
import { z } from 'zod';

/** A decimal number within bounds, with a default. */
function numberVar(defaultValue: number, description: string, min: number, max: number) {
  return envVar(
    z
      .string()
      .regex(/^-?\d+(\.\d+)?$/, 'must be a number')
      .transform(Number)
      .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
      .default(defaultValue),
    description,
  );
}

/** Every variable the dialer emulator reads (documented in docs/configuration.md). */
export const dialerEmulatorEnv = {
  DIALER_EMULATOR_PORT: portVar(DEFAULT_PORTS.dialerEmulator, 'HTTP port of the dialer emulator'),
  DIALER_EMULATOR_HOST: stringVar('127.0.0.1', 'Interface the dialer emulator binds to'),
  PUENTE_DATA_DIR: stringVar(
    '',
    'Folder for the contact-center database (<dir>/dialer/pgdata); empty keeps it in memory',
  ),
  CONTACT_DB_PORT: intVar(
    7003,
    'Port the contact-center database (PGlite) is served on for the gateway; 0 picks a free one',
    0,
    65535,
  ),
  DIALER_STORE: enumVar(
    ['pglite', 'memory'] as const,
    'pglite',
    'pglite: the contact-center database with its procedures; memory: plain maps, no SQL (fast demos)',
  ),
  DIALER_DEMO_CONTACTS: intVar(3000, 'Contacts seeded into an empty database', 0, 200000),
  DIALER_SEED: intVar(1, 'Seed of the simulated customers and inbound traffic (same seed, same day)', 0),
  DIALER_SPEED: numberVar(
    1,
    'Virtual seconds per real second; 0 freezes time (advance it with the operator API)',
    0,
    3600,
  ),
  DIALER_ANSWER_PROBABILITY: numberVar(0.35, 'Share of outbound attempts a customer answers', 0, 1),
  DIALER_TALK_SECONDS: numberVar(150, 'Mean talk time of simulated customers, seconds', 1, 36000),
  DIALER_INBOUND_PER_HOUR: numberVar(
    0,
    'Spontaneous inbound calls per hour (Poisson); 0: only operator calls',
    0,
    100000,
  ),
  DIALER_IVR: enumVar(
    ['repository', 'http'] as const,
    'repository',
    "How the IVR runs CONTACTO_INSERT_SALESFORCE: straight in the database, or through the gateway's signed endpoint",
  ),
  DIALER_IVR_URL: urlVar('http://127.0.0.1:3000/api/v1/ivr/contacts', 'IVR endpoint when DIALER_IVR=http'),
  DIALER_IVR_KEY_ID: stringVar('dialer-emulator', 'Key id the IVR signs its requests with'),
  DIALER_IVR_SECRET: stringVar('', 'Secret the IVR signs its requests with (HMAC-SHA256)', { secret: true }),
  LOG_LEVEL: enumVar(LOG_LEVELS, 'info', 'Lowest log level written'),
  LOG_FORMAT: enumVar(['json', 'pretty'] as const, 'json', 'json for machines, pretty for a terminal'),
};

export type DialerEmulatorConfig = EnvValues<typeof dialerEmulatorEnv>;

export function loadDialerEmulatorConfig(env: NodeJS.ProcessEnv = process.env): DialerEmulatorConfig {
  const config = loadEnv(dialerEmulatorEnv, env);
  return config;
}

/** The CLI's one setting: where the running emulator is. */
export const dialerCliEnv = {
  DIALER_URL: urlVar('http://127.0.0.1:7001', 'Where `npm run dialer` finds the running emulator'),
};

export function loadDialerCliConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadEnv(dialerCliEnv, env);
}
