import { checkPassword, hashPassword, verifyPassword } from './passwords';

describe('scrypt password hashes', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('puente');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    await expect(verifyPassword('puente', hash)).resolves.toBe(true);
    await expect(verifyPassword('Puente', hash)).resolves.toBe(false);
  });

  it('salts every hash and refuses hashes it cannot read', async () => {
    expect(await hashPassword('x')).not.toBe(await hashPassword('x'));
    await expect(verifyPassword('x', 'plain')).resolves.toBe(false);
    await expect(verifyPassword('x', 'scrypt$0$8$1$a$b')).resolves.toBe(false);
  });
});

/**
 * Issue 14 §5: an unknown user must cost what a known one costs, or the
 * answer's timing tells which user names exist. Checked by the work done
 * (the same scrypt derivation), not by a clock.
 */
describe('checking a password of no user', () => {
  // The very module object passwords.ts calls into, so that spying on it sees its calls.
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

  it('derives a key with the same cost for an unknown user as for a known one, and refuses', async () => {
    const hash = await hashPassword('puente');
    derivations = [];
    await expect(checkPassword('wrong', hash)).resolves.toBe(false);
    const known = derivations;
    derivations = [];
    await expect(checkPassword('wrong', undefined)).resolves.toBe(false);
    await expect(checkPassword('wrong', null)).resolves.toBe(false);
    await expect(checkPassword('wrong', 'unreadable')).resolves.toBe(false);
    expect(known).toHaveLength(1);
    expect(derivations).toEqual([known[0], known[0], known[0]]);
    await expect(checkPassword('puente', hash)).resolves.toBe(true);
  });
});
