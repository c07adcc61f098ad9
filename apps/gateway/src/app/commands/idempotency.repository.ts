import type { IdempotencyRecords, RememberedAnswer } from '@puente/server-kit';

/**
 * Remembered command results by (scope, key): the scope is the agent, the
 * key the Idempotency-Key header (DESIGN principle 3). The abstract class is
 * the injection token; IdempotentRuns (server-kit) does the rest, the same
 * runner the dialer emulator uses.
 */
export abstract class IdempotencyRepository implements IdempotencyRecords {
  abstract find(scope: string, key: string): Promise<RememberedAnswer | undefined>;
  abstract remember(scope: string, key: string, answer: RememberedAnswer): Promise<void>;
  abstract expire(olderThan: number): Promise<void>;
}
