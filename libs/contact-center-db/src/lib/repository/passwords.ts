import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost; stored in each hash, so it can be raised without breaking old hashes. */
const COST: Required<Pick<ScryptOptions, 'N' | 'r' | 'p'>> = { N: 16_384, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: typeof COST): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_LENGTH,
      { ...options, maxmem: 64 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

/** "scrypt$N$r$p$salt$hash" (base64url): self-describing, so verification needs nothing else. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** False for a wrong password and for a hash it cannot read; constant time in the comparison. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (!readable(stored)) return false;
  const parts = stored.split('$');
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64url');
  const expected = Buffer.from(parts[5], 'base64url');
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await derive(password, salt, { N, r, p });
  return timingSafeEqual(actual, expected);
}

/**
 * A hash of no password at today's cost: checking a password against it
 * does the work a real check does and never matches (its key is zeros, which
 * no derivation yields in practice).
 */
const NO_USER_HASH = [
  'scrypt',
  COST.N,
  COST.r,
  COST.p,
  Buffer.alloc(16).toString('base64url'),
  Buffer.alloc(KEY_LENGTH).toString('base64url'),
].join('$');

/**
 * Checks a password against a user's stored hash, or, when there is no user
 * (or no readable hash), against a hash of no password, refusing: an unknown
 * user name costs what a known one costs, so the time of the answer does not
 * tell which user names exist (issue 14 §5).
 */
export async function checkPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  if (stored && readable(stored)) return verifyPassword(password, stored);
  await verifyPassword(password, NO_USER_HASH);
  return false;
}

function readable(stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  return [N, r, p].every((n) => Number.isInteger(n) && n > 0) && N <= 1 << 20;
}
