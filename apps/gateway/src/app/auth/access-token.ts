import { createHmac, timingSafeEqual } from 'node:crypto';
import { type Role, RoleSchema } from '@puente/contracts';
import { z } from 'zod';

/** What an access token says: which session, which agent, which roles, until when. */
export interface AccessClaims {
  sub: string;
  sid: string;
  roles: Role[];
  iat: number;
  exp: number;
}

const ClaimsSchema = z.object({
  sub: z.string(),
  sid: z.string(),
  roles: z.array(RoleSchema),
  iat: z.number(),
  exp: z.number(),
});

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}

/** Signs a compact JWT (HS256). */
export function signAccessToken(claims: AccessClaims, secret: string): string {
  const payload = base64url(JSON.stringify(claims));
  const signature = createHmac('sha256', secret).update(`${HEADER}.${payload}`).digest('base64url');
  return `${HEADER}.${payload}.${signature}`;
}

export type VerifyResult =
  { ok: true; claims: AccessClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

/** Verifies signature (constant time), algorithm and expiry; `now` in seconds. */
export function verifyAccessToken(
  token: string,
  secret: string,
  now = Math.floor(Date.now() / 1000),
): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, reason: 'malformed' };
  const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'signature' };
  let claims: AccessClaims;
  try {
    claims = ClaimsSchema.parse(JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.exp <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
