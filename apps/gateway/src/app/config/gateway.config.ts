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

/** Every variable the gateway reads (documented in docs/configuration.md). */
export const gatewayEnv = {
  GATEWAY_PORT: portVar(DEFAULT_PORTS.gateway, 'HTTP and socket.io port of the gateway'),
  GATEWAY_HOST: stringVar('127.0.0.1', 'Interface the gateway binds to (0.0.0.0 to expose it)'),
  DIALER_URL: urlVar(
    `http://127.0.0.1:${DEFAULT_PORTS.dialerEmulator}`,
    'Base URL of the dialer webservice (the embedded dialer emulator by default)',
  ),
  SALESFORCE_URL: urlVar(
    `http://127.0.0.1:${DEFAULT_PORTS.salesforceEmulator}`,
    'Salesforce login/instance URL (the embedded Salesforce emulator by default)',
  ),
  CORS_ORIGINS: envVar(
    z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z.union([z.literal('*'), z.url({ error: 'must be a comma-separated list of origins or *' })]),
        ),
      )
      .default([
        `http://127.0.0.1:${DEFAULT_PORTS.agentPanel}`,
        `http://localhost:${DEFAULT_PORTS.agentPanel}`,
        `http://127.0.0.1:${DEFAULT_PORTS.salesforceEmulator}`,
        `http://localhost:${DEFAULT_PORTS.salesforceEmulator}`,
      ]),
    'Browser origins allowed to call the gateway (the panel, the console), comma-separated, or *',
  ),
  HEALTH_PROBE_INTERVAL_MS: intVar(2000, 'How often each upstream is probed', 200, 600_000),
  HEALTH_PROBE_TIMEOUT_MS: intVar(
    1500,
    'How long a probe may take before the upstream counts as down',
    50,
    60_000,
  ),
  LOG_LEVEL: enumVar(LOG_LEVELS, 'info', 'Lowest log level written'),
  LOG_FORMAT: enumVar(['json', 'pretty'] as const, 'json', 'json for machines, pretty for a terminal'),
};

export type GatewayConfig = EnvValues<typeof gatewayEnv>;

/** Injection token of the gateway's validated configuration. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return loadEnv(gatewayEnv, env);
}
