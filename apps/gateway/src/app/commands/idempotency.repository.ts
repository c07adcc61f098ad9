/** A command's remembered answer (DESIGN principle 3). */
export interface IdempotencyRecord {
  requestHash: string;
  status: number;
  body: unknown;
  createdAt: number;
}

/**
 * Remembered command results by (scope, key): the scope is the agent, the
 * key the Idempotency-Key header. Asynchronous, as a shared store (Redis)
 * will be; the interceptor keeps the concurrent duplicates of one node in
 * memory.
 */
export abstract class IdempotencyRepository {
  abstract find(scope: string, key: string): Promise<IdempotencyRecord | undefined>;
  abstract remember(scope: string, key: string, record: IdempotencyRecord): Promise<void>;
  /** Forgets the results remembered before `olderThan` (ms). */
  abstract expire(olderThan: number): Promise<void>;
}
