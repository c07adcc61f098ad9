import { CONTACT_DB_DEFAULT_PORT, DEFAULT_PORTS } from '@puente/contracts';
import { envVar, type EnvValues, loadEnv, portVar, stringVar } from '@puente/server-kit';
import { z } from 'zod';
import { CSP_ORIGIN } from './panel-csp';

/** The variables that place the embedded stack; each service reads its own port variable too. */
export const stackEnv = {
  GATEWAY_PORT: portVar(DEFAULT_PORTS.gateway, 'HTTP and socket.io port of the gateway'),
  AGENT_PANEL_PORT: portVar(DEFAULT_PORTS.agentPanel, 'Port the built agent panel is served on'),
  DIALER_EMULATOR_PORT: portVar(DEFAULT_PORTS.dialerEmulator, 'HTTP port of the dialer emulator'),
  SALESFORCE_EMULATOR_PORT: portVar(DEFAULT_PORTS.salesforceEmulator, 'HTTP port of the Salesforce emulator'),
  CONTACT_DB_PORT: portVar(
    CONTACT_DB_DEFAULT_PORT,
    'PostgreSQL-protocol port of the contact-center database the dialer emulator serves',
  ),
  PUENTE_HOST: stringVar('127.0.0.1', 'Interface every service of the embedded stack binds to'),
  PUENTE_DATA_DIR: stringVar('.data', 'Folder where the emulators keep their data between runs'),
  PANEL_GATEWAY_URLS: envVar(
    z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((u) => u.trim().replace(/\/+$/, ''))
          .filter(Boolean),
      )
      .pipe(z.array(z.url({ protocol: /^https?$/, error: 'must be comma-separated http(s) URLs' })))
      .default([]),
    "Further gateways the served panel may be pointed at with ?gateway= (comma-separated URLs); the stack's own gateway is always on the list, first, and the panel talks to no other",
  ),
  PANEL_FRAME_ANCESTORS: envVar(
    z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim().replace(/\/+$/, ''))
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z
            .string()
            .regex(CSP_ORIGIN, 'must be origins such as https://acme.lightning.force.com, comma-separated'),
        ),
      ),
    'Origins allowed to frame the panel (CSP), comma-separated; empty: the console',
  ),
};

export type StackConfig = EnvValues<typeof stackEnv>;

export function loadStackConfig(env: NodeJS.ProcessEnv = process.env): StackConfig {
  return loadEnv(stackEnv, env);
}

export interface StackUrls {
  gateway: string;
  agentPanel: string;
  dialerEmulator: string;
  salesforceEmulator: string;
  /** The contact-center database (PGlite behind the PostgreSQL protocol). */
  contactDb: string;
}

/** Who may frame the panel: the configured origins, or the embedded console under both its names. */
export function panelFrameAncestors(config: StackConfig): string[] {
  if (config.PANEL_FRAME_ANCESTORS.length > 0) return [...config.PANEL_FRAME_ANCESTORS];
  const embedded = stackUrls(config).salesforceEmulator;
  return [...new Set([embedded, embedded.replace('127.0.0.1', 'localhost')])];
}

export function stackUrls(config: StackConfig): StackUrls {
  const at = (port: number) => `http://${config.PUENTE_HOST}:${port}`;
  return {
    gateway: at(config.GATEWAY_PORT),
    agentPanel: at(config.AGENT_PANEL_PORT),
    dialerEmulator: at(config.DIALER_EMULATOR_PORT),
    salesforceEmulator: at(config.SALESFORCE_EMULATOR_PORT),
    contactDb: `postgres://postgres@${config.PUENTE_HOST}:${config.CONTACT_DB_PORT}/postgres`,
  };
}

/** Where each port comes from, for messages that tell the user which variable to change. */
export const PORT_VARIABLE: Record<keyof StackUrls, keyof StackConfig> = {
  gateway: 'GATEWAY_PORT',
  agentPanel: 'AGENT_PANEL_PORT',
  dialerEmulator: 'DIALER_EMULATOR_PORT',
  salesforceEmulator: 'SALESFORCE_EMULATOR_PORT',
  contactDb: 'CONTACT_DB_PORT',
};
