import { Inject, Injectable } from '@nestjs/common';
import { normalizeIp } from '@nestjs/throttler';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config/gateway.config';
import { ATTEMPT_STORE, type AttemptStore } from './attempt-store';
import { rateKey, userKey } from './limit-keys';

const userLock = (user: string) => `lockout:user:${userKey(user)}`;
const addressLock = (address: string) => `lockout:address:${address}`;

/**
 * Lock-outs by wrong passwords (issue 14 §5): LOGIN_LOCKOUT_FAILURES for one
 * user name, or LOGIN_LOCKOUT_IP_FAILURES from one address (one
 * password tried on many names), within the window, lock it for
 * LOGIN_LOCKOUT_SECONDS. Only failures count, so a shift of successful
 * logins never locks anyone; a success forgets the user's failures.
 */
@Injectable()
export class LoginLockouts {
  constructor(
    @Inject(ATTEMPT_STORE) private readonly store: AttemptStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** How long `user` and `address` must still wait: 0 when neither is locked out. */
  async lockedFor(user: string, address: string): Promise<number> {
    const [byUser, byAddress] = await Promise.all([
      this.store.peek(userLock(user)),
      this.store.peek(addressLock(address)),
    ]);
    return Math.max(byUser.blockedForMs, byAddress.blockedForMs);
  }

  async failed(user: string, address: string): Promise<void> {
    const window = this.config.LOGIN_LOCKOUT_WINDOW_SECONDS * 1000;
    const block = this.config.LOGIN_LOCKOUT_SECONDS * 1000;
    // The failure that reaches the count locks: the next attempt is refused.
    await this.store.hit(userLock(user), window, this.config.LOGIN_LOCKOUT_FAILURES - 1, block);
    await this.store.hit(addressLock(address), window, this.config.LOGIN_LOCKOUT_IP_FAILURES - 1, block);
  }

  async succeeded(user: string): Promise<void> {
    await this.store.clear(userLock(user));
  }

  /** An administrator's clearing: the lock-out and the user's login rate counter. */
  async clearUser(user: string): Promise<boolean> {
    const wasLocked = await this.store.clear(userLock(user));
    await this.store.clear(rateKey('login', 'account', userKey(user)));
    return wasLocked;
  }

  async clearAddress(address: string): Promise<boolean> {
    const key = normalizeIp(address) ?? address;
    const wasLocked = await this.store.clear(addressLock(key));
    await this.store.clear(rateKey('login', 'address', key));
    return wasLocked;
  }
}
