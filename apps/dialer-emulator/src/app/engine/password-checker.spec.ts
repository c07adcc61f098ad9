import { hashPassword } from '@puente/contact-center-db';
import type { StoredUser } from '../store/dialer-store';
import { PasswordChecker } from './password-checker';

/**
 * Issue 14 §5: the emulator answered an unknown user at once (5 ms against
 * 43 ms), telling which user names exist. The checker must do the same
 * scrypt work for a user it does not know. Checked by the work, not a clock.
 */
describe('PasswordChecker', () => {
  // The very module object the hashing calls into, so that spying on it sees its calls.
  const crypto = require('node:crypto') as typeof import('node:crypto');
  let derivations: { keylen: number; options: unknown }[];

  beforeEach(() => {
    derivations = [];
    const real = crypto.scrypt;
    jest.spyOn(crypto, 'scrypt').mockImplementation(((...args: Parameters<typeof real>) => {
      derivations.push({ keylen: args[2] as number, options: args[3] });
      return (real as (...a: unknown[]) => void)(...args);
    }) as typeof real);
  });
  afterEach(() => jest.restoreAllMocks());

  it('does the same scrypt derivation for an unknown user as for a wrong password', async () => {
    const user = { passwordHash: await hashPassword('puente') } as StoredUser;
    const checker = new PasswordChecker();
    derivations = [];
    await expect(checker.check(user, 'wrong')).resolves.toBe(false);
    const known = derivations;
    derivations = [];
    await expect(checker.check(undefined, 'wrong')).resolves.toBe(false);
    await expect(checker.check({ passwordHash: '' } as StoredUser, 'wrong')).resolves.toBe(false);
    expect(known).toHaveLength(1);
    expect(derivations).toEqual([known[0], known[0]]);
    await expect(checker.check(user, 'puente')).resolves.toBe(true);
  });
});
