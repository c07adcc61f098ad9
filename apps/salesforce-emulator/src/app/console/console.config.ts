import { DEFAULT_PORTS } from '@puente/contracts';
import { type EnvValues, loadEnv, portVar, stringVar } from '@puente/server-kit';

/**
 * What the Lightning-like console needs to know: where the panel and the
 * gateway are (the embedded stack sets both), and how to reach this org's
 * own REST API as an integration client. Kept apart from the org's config
 * so the console can be dropped without touching the emulator.
 */
export const consoleEnv = {
  AGENT_PANEL_URL: stringVar(
    `http://127.0.0.1:${DEFAULT_PORTS.agentPanel}`,
    'URL of the agent panel the console hosts in its utility bar',
  ),
  GATEWAY_URL: stringVar(
    `http://127.0.0.1:${DEFAULT_PORTS.gateway}`,
    'URL of the gateway, handed to the panel through its iframe URL',
  ),
  SALESFORCE_EMULATOR_PORT: portVar(DEFAULT_PORTS.salesforceEmulator, 'HTTP port of the Salesforce emulator'),
  SALESFORCE_EMULATOR_CLIENT_ID: stringVar('puente-demo', 'Consumer key of the connected app'),
  SALESFORCE_EMULATOR_CLIENT_SECRET: stringVar('puente-demo-secret', 'Consumer secret of the connected app', {
    secret: true,
  }),
};

export type ConsoleConfig = EnvValues<typeof consoleEnv>;

export function loadConsoleConfig(env: NodeJS.ProcessEnv = process.env): ConsoleConfig {
  return loadEnv(consoleEnv, env);
}
