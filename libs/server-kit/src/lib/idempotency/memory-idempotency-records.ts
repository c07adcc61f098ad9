import type { IdempotencyRecords, RememberedAnswer } from './idempotent-runs';

/**
 * Answers kept in this process for `ttlMs`, at most `maxEntries` (the oldest
 * go first). For a service whose retries never outlive it; the gateway keeps
 * its answers in its store instead.
 */
export class MemoryIdempotencyRecords implements IdempotencyRecords {
  private readonly entries = new Map<string, RememberedAnswer>();

  constructor(
    private readonly ttlMs = 24 * 3_600_000,
    private readonly maxEntries = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  async find(scope: string, key: string): Promise<RememberedAnswer | undefined> {
    this.expire();
    return this.entries.get(`${scope}\u0000${key}`);
  }

  async remember(scope: string, key: string, answer: RememberedAnswer): Promise<void> {
    this.entries.set(`${scope}\u0000${key}`, answer);
    this.expire();
  }

  private expire(): void {
    const limit = this.now() - this.ttlMs;
    // Insertion order is age order: stop at the first entry young enough while within the cap.
    for (const [id, entry] of this.entries) {
      if (entry.createdAt >= limit && this.entries.size <= this.maxEntries) break;
      this.entries.delete(id);
    }
  }
}
