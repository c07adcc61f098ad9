/**
 * The IVR signatures accepted within the replay window (issue 6 §2), kept
 * across a restart so a restart does not reopen the window. SeenSignatures
 * checks in memory; this is loaded once at start and written behind.
 */
export abstract class IvrSignatureStore {
  /** The signatures seen at or after `since` (ms), oldest first. */
  abstract seenSince(since: number): { signature: string; seenAt: number }[];
  /**
   * Remembers a signature, written within `withinMs` (0: this tick): a
   * clean stop writes it, a crash may lose the last `withinMs`.
   */
  abstract remember(signature: string, keyId: string, seenAt: number, withinMs: number): void;
  /** Forgets signatures seen before `olderThan`, after the writes already queued. */
  abstract expire(olderThan: number): void;
}
