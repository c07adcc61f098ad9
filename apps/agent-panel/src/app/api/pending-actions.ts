import { newIdempotencyKey } from '../core/id.util';
import type { PanelErrorCode } from './api-error';

/**
 * Answers after which a command did not happen for sure, or may have
 * happened (issue 15 §4): no answer at all, a dependency unavailable, the
 * dialer's outcome unknown, the gateway's own failure. Doing the same thing
 * again is a retry of the same action, not a new one.
 */
const OPEN: ReadonlySet<PanelErrorCode> = new Set<PanelErrorCode>([
  'NETWORK',
  'INTERNAL',
  'DIALER_UNAVAILABLE',
  'DIALER_OUTCOME_UNKNOWN',
  'DATABASE_UNAVAILABLE',
  'CRM_UNAVAILABLE',
  // The gateways' shared store was away: the command was refused before it acted (issue 18 §2).
  'REDIS_UNAVAILABLE',
]);

/** How long a second click still counts as a retry of the first. */
export const RETRY_WINDOW_MS = 120_000;

/**
 * The Idempotency-Key of each user action whose outcome is still open, so a
 * second click on the same button (same route, same body) reuses it and the
 * gateway and the dialer act at most once. A final answer (success or
 * refusal) of any command closes every open action: the agent has moved on,
 * and the same click is a new action from then on (Hold, Unhold, Hold).
 */
export class PendingActions {
  private readonly open = new Map<string, { key: string; at: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly newKey: () => string = () => newIdempotencyKey(),
  ) {}

  keyFor(action: string): string {
    const entry = this.open.get(action);
    if (entry && this.now() - entry.at < RETRY_WINDOW_MS) return entry.key;
    const key = this.newKey();
    this.open.set(action, { key, at: this.now() });
    return key;
  }

  /** Records how the action's request ended: `null` for a success, else the error code. */
  settled(action: string, code: PanelErrorCode | null): void {
    if (code !== null && OPEN.has(code)) return;
    this.open.clear();
  }
}
