import type { IdempotencyRecords, RememberedAnswer } from './idempotent-runs';

/**
 * Answers kept in this process, at most `maxEntries` (the oldest go first).
 * For a service whose retries never outlive it; the gateway keeps its
 * answers in its store instead.
 */
export class MemoryIdempotencyRecords implements IdempotencyRecords {
  private readonly entries = new Map<string, RememberedAnswer>();

  constructor(private readonly maxEntries = 100_000) {}

  async find(scope: string, key: string): Promise<RememberedAnswer | undefined> {
    return this.entries.get(`${scope}\u0000${key}`);
  }

  async remember(scope: string, key: string, answer: RememberedAnswer): Promise<void> {
    const id = `${scope}\u0000${key}`;
    // Re-inserted, so insertion order stays age order.
    this.entries.delete(id);
    this.entries.set(id, answer);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
  }

  async expire(olderThan: number): Promise<void> {
    for (const [id, entry] of this.entries) if (entry.createdAt < olderThan) this.entries.delete(id);
  }
}
