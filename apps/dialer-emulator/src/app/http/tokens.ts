export const DIALER_ENGINE = Symbol('DIALER_ENGINE');
export const DIALER_RUNTIME = Symbol('DIALER_RUNTIME');

/** Facts about this process the operator endpoints report (GET /state, GET /demo). */
export interface DialerRuntimeInfo {
  storage: string;
  contactDbUrl: string | null;
  speed: number;
  /** Closes what the process opened besides the engine (the PGlite server); run at shutdown. */
  close?: () => Promise<void>;
}
