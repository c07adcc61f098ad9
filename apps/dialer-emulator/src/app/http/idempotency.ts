import { createHash } from 'node:crypto';
import { NeoApiError } from '@puente/neoapi';

export interface StoredAnswer {
  status: number;
  body: unknown;
}

interface Entry {
  bodyHash: string;
  answer: Promise<StoredAnswer>;
  at: number;
}

/**
 * Idempotency-Key (docs/neoapi.md): the first request with a key acts; a
 * repeat with the same body gets the first answer (waiting for it if it is
 * still running) and acts nothing twice; a repeat with another body is a
 * CONFLICT. Keys are scoped by caller and method and kept for `ttlMs`.
 */
export class IdempotencyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 24 * 3_600_000,
    private readonly maxEntries = 100_000,
  ) {}

  run(scope: string, key: string, body: unknown, act: () => Promise<StoredAnswer>): Promise<StoredAnswer> {
    this.expire();
    const id = `${scope}\u0000${key}`;
    const bodyHash = createHash('sha256')
      .update(JSON.stringify(body ?? {}))
      .digest('hex');
    const existing = this.entries.get(id);
    if (existing) {
      if (existing.bodyHash !== bodyHash)
        return Promise.reject(
          new NeoApiError('CONFLICT', 'this Idempotency-Key was already used with a different request'),
        );
      return existing.answer;
    }
    const answer = act();
    this.entries.set(id, { bodyHash, answer, at: Date.now() });
    return answer;
  }

  private expire(): void {
    const limit = Date.now() - this.ttlMs;
    for (const [id, entry] of this.entries) {
      if (entry.at >= limit && this.entries.size <= this.maxEntries) break;
      this.entries.delete(id);
    }
  }
}
