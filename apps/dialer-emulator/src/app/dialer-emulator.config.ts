import { DEFAULT_PORTS } from '@puente/contracts';
import { enumVar, type EnvValues, loadEnv, LOG_LEVELS, portVar, stringVar } from '@puente/server-kit';

/** Every variable the dialer emulator reads (documented in docs/configuration.md). */
export const dialerEmulatorEnv = {
  DIALER_EMULATOR_PORT: portVar(DEFAULT_PORTS.dialerEmulator, 'HTTP port of the dialer emulator'),
  DIALER_EMULATOR_HOST: stringVar('127.0.0.1', 'Interface the dialer emulator binds to'),
  LOG_LEVEL: enumVar(LOG_LEVELS, 'info', 'Lowest log level written'),
  LOG_FORMAT: enumVar(['json', 'pretty'] as const, 'json', 'json for machines, pretty for a terminal'),
};

export type DialerEmulatorConfig = EnvValues<typeof dialerEmulatorEnv>;

export function loadDialerEmulatorConfig(env: NodeJS.ProcessEnv = process.env): DialerEmulatorConfig {
  return loadEnv(dialerEmulatorEnv, env);
}
