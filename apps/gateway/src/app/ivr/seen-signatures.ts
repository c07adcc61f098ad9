import { Inject, Injectable, Optional } from '@nestjs/common';
import { IVR_LIMITS } from '@puente/contracts';
import { IvrSignatureClaims } from './ivr-signature-claims';
import { IvrSignatureStore } from './ivr-signature.store';

/** How often rows older than the window are deleted from the store. */
const EXPIRE_EVERY_MS = 60_000;
/**
 * How long a seen signature may wait for the store: one write transaction
 * per quarter second instead of one per request on a quiet line. Only a
 * crash (not a stop) within that time forgets them.
 */
const WRITE_WITHIN_MS = 250;

/**
 * The IVR signatures already accepted (issue 6 §2: a replay is refused).
 * A signature's timestamp may be up to maxSkew away from the gateway's
 * clock either way, so a captured request stays acceptable for at most
 * twice that after it was first seen; after that the timestamp check
 * refuses it and the signature can be forgotten. Checked in memory so the
 * hot path does no synchronous disk I/O; written to the IvrSignatureStore in
 * batches (WRITE_WITHIN_MS) and loaded back on start, so a restart does not
 * reopen the window.
 *
 * In cluster mode (IvrSignatureClaims, on Redis) the shared claim decides,
 * so a request replayed to another node is refused there too; the memory
 * only refuses this node's own replays without a round trip.
 */
@Injectable()
export class SeenSignatures {
  static readonly windowMs = 2 * IVR_LIMITS.maxSkewSeconds * 1000;
  /** Signature → when it was first seen. A Map iterates in insertion order, which is time order. */
  private readonly seen = new Map<string, number>();
  private lastExpiry = 0;

  constructor(
    private readonly store: IvrSignatureStore,
    @Optional() @Inject(IvrSignatureClaims) private readonly shared: IvrSignatureClaims | null = null,
  ) {
    const since = Date.now() - SeenSignatures.windowMs;
    for (const { signature, seenAt } of store.seenSince(since)) this.seen.set(signature, seenAt);
  }

  get size(): number {
    return this.seen.size;
  }

  /** True the first time `signature` is presented in the window, on any node of the cluster; false for a replay. */
  async accept(signature: string, keyId: string, now = Date.now()): Promise<boolean> {
    if (!this.shared) return this.firstTime(signature, keyId, now);
    this.forgetOldInMemory(now);
    if (this.seen.has(signature)) return false;
    if (!(await this.shared.claim(signature, keyId, SeenSignatures.windowMs))) return false;
    this.seen.set(signature, now);
    return true;
  }

  /** One node: true the first time `signature` is presented in the window; false for a replay. */
  firstTime(signature: string, keyId: string, now = Date.now()): boolean {
    this.forgetOld(now);
    if (this.seen.has(signature)) return false;
    this.seen.set(signature, now);
    this.store.remember(signature, keyId, now, WRITE_WITHIN_MS);
    return true;
  }

  private forgetOld(now: number): void {
    const oldest = this.forgetOldInMemory(now);
    if (now - this.lastExpiry < EXPIRE_EVERY_MS) return;
    this.lastExpiry = now;
    this.store.expire(oldest);
  }

  private forgetOldInMemory(now: number): number {
    const oldest = now - SeenSignatures.windowMs;
    for (const [signature, at] of this.seen) {
      if (at >= oldest) break;
      this.seen.delete(signature);
    }
    return oldest;
  }
}
