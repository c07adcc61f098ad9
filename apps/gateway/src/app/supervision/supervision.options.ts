/**
 * Timing of the board and figures. Constants rather than environment
 * variables: they are tuning, not deployment, and tests override the
 * provider to run faster.
 */
export interface SupervisionOptions {
  /** Board deltas are coalesced per tick: one computation and one broadcast per scope, whatever the fan-out. */
  tickMs: number;
  /** How often the dialer's agent list (agents not logged in here) and its live figures are read. */
  dialerRefreshMs: number;
  /** How often changed figures are pushed to the supervisors. */
  figuresPushMs: number;
  /** Service level threshold where the dialer gives none for the queue (the classic 80/20). */
  serviceLevelSeconds: number;
  /** How long a supervisor's campaigns and queues are trusted before asking the dialer again. */
  scopeTtlMs: number;
}

export const SUPERVISION_OPTIONS = Symbol('SUPERVISION_OPTIONS');

export const DEFAULT_SUPERVISION_OPTIONS: SupervisionOptions = {
  tickMs: 150,
  dialerRefreshMs: 5000,
  figuresPushMs: 1000,
  serviceLevelSeconds: 20,
  scopeTtlMs: 60_000,
};
