import { createHash } from 'node:crypto';

/** What a command answered: replayed as is to a retry with the same key. */
export interface IdempotentAnswer {
  status: number;
  body: unknown;
}

/** An answer kept under its key, with the fingerprint of the request that earned it. */
export interface RememberedAnswer extends IdempotentAnswer {
  fingerprint: string;
  createdAt: number;
}

/**
 * Where answers are kept between requests (and, for a store on disk or in
 * Redis, across restarts and nodes). Implementations: MemoryIdempotencyRecords
 * here, the gateway's SQLite repository; each runs describeIdempotencyRecords.
 */
export interface IdempotencyRecords {
  find(scope: string, key: string): Promise<RememberedAnswer | undefined>;
  remember(scope: string, key: string, answer: RememberedAnswer): Promise<void>;
}

/** The key was used before for a different request: the caller must pick a fresh key. */
export class IdempotencyKeyReused extends Error {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  constructor() {
    super('this Idempotency-Key was already used for a different request');
  }
}

/** A stable fingerprint of a request's parts (method, path, body…). */
export function fingerprintOf(...parts: readonly unknown[]): string {
  return createHash('sha256')
    .update(parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p ?? {}))).join('\n'))
    .digest('hex');
}

export interface IdempotentRunsOptions {
  /**
   * Whether an answer is the command's outcome and worth replaying. Not, for
   * example, "unavailable" (nothing happened: a retry must ask again).
   * Default: every answer.
   */
  final?: (answer: IdempotentAnswer) => boolean;
  now?: () => number;
}

/**
 * DESIGN principle 3, one implementation for the gateway and the dialer
 * emulator (issue 18 §1): the first request with a key acts; a duplicate
 * while it runs waits for its answer; a later duplicate gets the remembered
 * answer; the same key with another fingerprint is refused. Requests in
 * flight are known to this process only: across nodes, the records' store
 * is what a duplicate finds once the first has answered.
 */
export class IdempotentRuns {
  private readonly inFlight = new Map<string, { fingerprint: string; answer: Promise<IdempotentAnswer> }>();
  private readonly final: (answer: IdempotentAnswer) => boolean;
  private readonly now: () => number;

  constructor(
    private readonly records: IdempotencyRecords,
    options: IdempotentRunsOptions = {},
  ) {
    this.final = options.final ?? (() => true);
    this.now = options.now ?? Date.now;
  }

  /** Runs `act` at most once per (scope, key); `replayed` tells whether this request got another's answer. */
  async run(
    scope: string,
    key: string,
    fingerprint: string,
    act: () => Promise<IdempotentAnswer>,
  ): Promise<{ answer: IdempotentAnswer; replayed: boolean }> {
    const id = `${scope}\u0000${key}`;
    const flying = this.inFlight.get(id);
    if (flying) return { answer: await this.same(flying, fingerprint), replayed: true };
    const stored = await this.records.find(scope, key);
    // Another request with the key may have started while the store answered.
    const started = this.inFlight.get(id);
    if (started) return { answer: await this.same(started, fingerprint), replayed: true };
    if (stored) {
      const { status, body } = await this.same(
        { fingerprint: stored.fingerprint, answer: Promise.resolve(stored) },
        fingerprint,
      );
      return { answer: { status, body }, replayed: true };
    }
    const answer = act();
    this.inFlight.set(id, { fingerprint, answer });
    try {
      const result = await answer;
      if (this.final(result))
        await this.records.remember(scope, key, { ...result, fingerprint, createdAt: this.now() });
      return { answer: result, replayed: false };
    } finally {
      this.inFlight.delete(id);
    }
  }

  private same(
    previous: { fingerprint: string; answer: Promise<IdempotentAnswer> },
    fingerprint: string,
  ): Promise<IdempotentAnswer> {
    if (previous.fingerprint !== fingerprint) return Promise.reject(new IdempotencyKeyReused());
    return previous.answer;
  }
}
