/**
 * Where each part of the embedded stack listens unless its environment says
 * otherwise. Shared so that the launcher, the panel's fallback and the docs
 * never disagree.
 */
export const DEFAULT_PORTS = {
  gateway: 3000,
  agentPanel: 4200,
  dialerEmulator: 7001,
  salesforceEmulator: 7002,
} as const;

/** The contact-center database the dialer emulator serves (PGlite over the PostgreSQL wire protocol). */
export const CONTACT_DB_DEFAULT_PORT = 7003;

export type ServiceName = keyof typeof DEFAULT_PORTS;

/** The product version every service reports at /health; kept equal to package.json by a test. */
export const PUENTE_VERSION = '0.1.0';
