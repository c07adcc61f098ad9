import type { UpstreamName } from '@puente/contracts';

/** Checks one upstream; resolves when it is usable, rejects with a reason when not. */
export interface UpstreamProbe {
  readonly name: UpstreamName;
  check(signal: AbortSignal): Promise<void>;
  /** Facts about how the upstream is used, for operators (e.g. which phone search is in force). */
  details?(): Record<string, string> | undefined;
}

export const UPSTREAM_PROBES = Symbol('UPSTREAM_PROBES');
