import { loadEnv } from '@puente/server-kit';
import { assertConsistent } from './config-rules';
import { type GatewayConfig, gatewayEnv } from './gateway-env';

export { type GatewayConfig, gatewayEnv } from './gateway-env';

/** Injection token of the gateway's validated configuration. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const config = loadEnv(gatewayEnv, env);
  assertConsistent(config);
  return config;
}
