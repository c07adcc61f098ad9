export interface OutboxItem {
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  attempts: number;
  lastError: string | null;
  /**
   * The claim under which due() handed the item out, where the outbox is
   * shared by several nodes (Redis): complete() and retry() act only while
   * it is still the item's claim. Absent on one node (SQLite).
   */
  claim?: string;
}

/** Why an item waits for its next attempt. */
export type WaitReason = 'refused' | 'unreachable';

/**
 * Salesforce writes waiting to happen (DESIGN principle 7), one per
 * (kind, key) — e.g. ("task", callId): enqueuing again for the same key
 * merges the fields into the pending write, so a call's Task is written once
 * however many facts arrive. Durable once enqueue() resolves: the journal
 * waits for it in the step that records the call. Async for Redis (issue 18
 * §2); the SQLite implementation does each operation within the call, so one
 * node keeps its old ordering.
 */
export abstract class OutboxRepository {
  /** Adds a write, or merges its fields into the pending one for the same (kind, key). */
  abstract enqueue(kind: string, key: string, payload: Record<string, unknown>, now?: number): Promise<void>;
  /**
   * Up to `limit` writes due at `now`, soonest first (parked ones never).
   * A shared outbox claims them for the caller (OutboxItem.claim): no other
   * node gets them until they are completed or retried, or the claim runs out.
   */
  abstract due(now: number, limit: number): Promise<OutboxItem[]>;
  /** Removes the write only if nothing was merged into it while it was being written. */
  abstract complete(item: OutboxItem): Promise<boolean>;
  /** Counts a failed attempt and sets the next; `dead` parks it until an operator retries. */
  abstract retry(
    item: OutboxItem,
    nextAttemptAt: number,
    error: string,
    dead: boolean,
    reason?: WaitReason,
  ): Promise<void>;
  /** Makes due now the writes that wait only because Salesforce was unreachable; returns how many. */
  abstract makeUnreachableDue(now?: number): Promise<number>;
  /** Makes every waiting or parked write due now (an operator's "retry now"); returns how many. */
  abstract makeAllDue(now?: number): Promise<number>;
  abstract counts(): Promise<{ pending: number; dead: number }>;
}
