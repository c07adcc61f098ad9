/** Where a key stands: attempts in its current window, and how long it stays blocked. */
export interface AttemptCount {
  hits: number;
  /** 0 when not blocked. */
  blockedForMs: number;
  /** Until the current window ends (its attempts are forgotten then). */
  resetsInMs: number;
}

/**
 * Counters behind login throttling and lock-outs (issue 14 §5), kept apart
 * from how they are stored: the SQLite store serves one gateway node; a
 * shared store (Redis: INCR with PEXPIRE, SET PX for the block) lets
 * several nodes count together, and only this interface needs implementing.
 */
export interface AttemptStore {
  /**
   * One attempt on `key` in a window of `windowMs` (a fixed window, opened
   * by the first attempt). The attempt that takes the count past `limit`
   * blocks the key for `blockMs`; attempts while blocked are not counted, and
   * when the block ends the key starts afresh.
   */
  hit(key: string, windowMs: number, limit: number, blockMs: number): Promise<AttemptCount>;
  /** The key's state, counting nothing. */
  peek(key: string): Promise<AttemptCount>;
  /** Forgets the key (a success, an administrator); true when it was blocked. */
  clear(key: string): Promise<boolean>;
}

export const ATTEMPT_STORE = Symbol('ATTEMPT_STORE');
