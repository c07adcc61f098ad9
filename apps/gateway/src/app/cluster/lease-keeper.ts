import { Logger } from '@nestjs/common';
import { type Observable, Subject } from 'rxjs';
import type { LeaseGrant, RedisLeases } from './lease';

export type LeaseEvent =
  | { readonly type: 'gained'; readonly token: number }
  | { readonly type: 'lost'; readonly token: number; readonly reason: 'taken' | 'unconfirmed' | 'released' };

export interface LeaseKeeperOptions {
  readonly name: string;
  readonly holderId: string;
  /** How long the lease lives without a renewal: a dead holder's lease is free after this. */
  readonly ttlMs: number;
  /** How often the holder renews and the others try to take it; ttl/3 by default. */
  readonly renewMs?: number;
}

/**
 * Holds a lease for as long as this node can, and tries to take it
 * whenever it is free. A holder that dies stops renewing, so its lease ends
 * within ttl and another keeper takes it on its next try: takeover within
 * ttl + renewMs.
 *
 * "lost" is said as soon as the lease is known to be gone (renew refused:
 * expired or taken) or can no longer be confirmed (Redis unreachable until
 * the end of the last confirmed ttl, counted from when that renewal was
 * sent, so never later than Redis's own expiry). Redis errors never escape:
 * the keeper goes on trying, so it recovers by itself when Redis returns.
 */
export class LeaseKeeper {
  private readonly logger = new Logger('LeaseKeeper');
  private readonly events = new Subject<LeaseEvent>();
  private readonly renewMs: number;
  private grant: LeaseGrant | null = null;
  private validUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private tick: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly leases: RedisLeases,
    private readonly options: LeaseKeeperOptions,
  ) {
    this.renewMs = options.renewMs ?? Math.floor(options.ttlMs / 3);
  }

  get events$(): Observable<LeaseEvent> {
    return this.events.asObservable();
  }

  /** The fencing token while this node holds the lease, else null. */
  get token(): number | null {
    return this.grant && Date.now() < this.validUntil ? this.grant.token : null;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops trying and releases the lease if held, so another node takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.tick;
    const grant = this.grant;
    if (!grant) return;
    this.grant = null;
    this.events.next({ type: 'lost', token: grant.token, reason: 'released' });
    await this.leases.release(grant).catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.tick = this.round().finally(() => this.schedule(this.renewMs));
    }, delayMs);
    this.timer.unref();
  }

  private async round(): Promise<void> {
    const sentAt = Date.now();
    try {
      if (this.grant) {
        if (await this.leases.renew(this.grant, this.options.ttlMs))
          this.validUntil = sentAt + this.options.ttlMs;
        else this.lose('taken');
      } else {
        const grant = await this.leases.acquire(this.options.name, this.options.holderId, this.options.ttlMs);
        if (grant && !this.stopped) {
          this.grant = grant;
          this.validUntil = sentAt + this.options.ttlMs;
          this.events.next({ type: 'gained', token: grant.token });
        }
      }
    } catch (error) {
      this.logger.debug?.(`lease ${this.options.name}: ${(error as Error).message}`);
      if (this.grant && Date.now() + this.renewMs >= this.validUntil) this.lose('unconfirmed');
    }
  }

  private lose(reason: 'taken' | 'unconfirmed'): void {
    const grant = this.grant;
    if (!grant) return;
    this.grant = null;
    this.logger.warn(`lease ${this.options.name} (token ${grant.token}) lost: ${reason}`);
    this.events.next({ type: 'lost', token: grant.token, reason });
  }
}
