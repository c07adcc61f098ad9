import { type Role, RoleSchema } from '@puente/contracts';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { TokenKeys } from './token-keys';

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

const ALGORITHM = 'HS256';
const ISSUER = 'puente-gateway';
const AUDIENCE = 'puente';
/** Clocks of the nodes that sign and verify may differ by this much. */
export const CLOCK_TOLERANCE_SECONDS = 5;

/** Signs a compact JWT with the first key, named in the `kid` header. */
export async function signAccessToken(claims: AccessClaims, keys: TokenKeys): Promise<string> {
  return new SignJWT({ sid: claims.sid, roles: claims.roles })
    .setProtectedHeader({ alg: ALGORITHM, kid: keys.signing.kid, typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(claims.iat)
    .setExpirationTime(claims.exp)
    .sign(await keys.signing.key);
}

export type VerifyResult =
  | { ok: true; claims: AccessClaims }
  | { ok: false; reason: 'malformed' | 'signature' | 'unknown-key' | 'expired' };

export interface VerifyOptions {
  /** Seconds since the epoch (tests); the clock otherwise. */
  now?: number;
  /** Oldest `iat` accepted: the access-token lifetime. */
  maxAgeSeconds: number;
}

class UnknownKey extends Error {}

/**
 * Verifies with the key the token names (only HS256: no `none`, no
 * public-key algorithm over a shared secret), its issuer, audience, expiry
 * and issue time (not in the future, not older than a token lives).
 */
export async function verifyAccessToken(
  token: string,
  keys: TokenKeys,
  options: VerifyOptions,
): Promise<VerifyResult> {
  try {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        const key = keys.key(header.kid);
        if (!key) throw new UnknownKey();
        return key;
      },
      {
        algorithms: [ALGORITHM],
        typ: 'JWT',
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ['exp', 'iat', 'sub'],
        maxTokenAge: options.maxAgeSeconds,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: options.now === undefined ? undefined : new Date(options.now * 1000),
      },
    );
    const claims = ClaimsSchema.safeParse(payload);
    return claims.success ? { ok: true, claims: claims.data } : { ok: false, reason: 'malformed' };
  } catch (error) {
    if (error instanceof UnknownKey) return { ok: false, reason: 'unknown-key' };
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
    if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: 'signature' };
    return { ok: false, reason: 'malformed' };
  }
}
