import type { UpstreamName } from '@puente/contracts';

/** Checks one upstream; resolves when it is usable, rejects with a reason when not. */
export interface UpstreamProbe {
  readonly name: UpstreamName;
  check(signal: AbortSignal): Promise<void>;
}

export const UPSTREAM_PROBES = Symbol('UPSTREAM_PROBES');
