export interface OutboxItem {
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  attempts: number;
  lastError: string | null;
}

/** Why an item waits for its next attempt. */
export type WaitReason = 'refused' | 'unreachable';

/**
 * Salesforce writes waiting to happen (DESIGN principle 7), one per
 * (kind, key) — e.g. ("task", callId): enqueuing again for the same key
 * merges the fields into the pending write, so a call's Task is written once
 * however many facts arrive. Durable when a call returns; synchronous, as
 * the journal enqueues in the same step that records the call.
 */
export abstract class OutboxRepository {
  /** Adds a write, or merges its fields into the pending one for the same (kind, key). */
  abstract enqueue(kind: string, key: string, payload: Record<string, unknown>, now?: number): void;
  /** Up to `limit` writes due at `now`, soonest first (parked ones never). */
  abstract due(now: number, limit: number): OutboxItem[];
  /** Removes the write only if nothing was merged into it while it was being written. */
  abstract complete(item: OutboxItem): boolean;
  /** Counts a failed attempt and sets the next; `dead` parks it until an operator retries. */
  abstract retry(
    item: OutboxItem,
    nextAttemptAt: number,
    error: string,
    dead: boolean,
    reason?: WaitReason,
  ): void;
  /** Makes due now the writes that wait only because Salesforce was unreachable; returns how many. */
  abstract makeUnreachableDue(now?: number): number;
  /** Makes every waiting or parked write due now (an operator's "retry now"); returns how many. */
  abstract makeAllDue(now?: number): number;
  abstract counts(): { pending: number; dead: number };
}
