import { createPublicKey, createVerify, type KeyObject, X509Certificate } from 'node:crypto';
import { oauthErrors } from './oauth-error';

export interface JwtClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  exp: number;
}

/** Reads a PEM public key or X.509 certificate (what a connected app's "digital signature" holds). */
export function loadPublicKey(pem: string): KeyObject {
  if (pem.includes('BEGIN CERTIFICATE')) return new X509Certificate(pem).publicKey;
  return createPublicKey(pem);
}

function decodeJson(segment: string): Record<string, unknown> {
  const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  if (typeof value !== 'object' || value === null) throw new Error('not an object');
  return value as Record<string, unknown>;
}

/**
 * Verifies a JWT bearer assertion the way Salesforce does: RS256 signed by
 * the connected app's certificate, iss = consumer key, sub = username,
 * aud = the login URL, exp in the future. Returns the claims.
 */
export function verifyAssertion(
  assertion: string,
  key: KeyObject,
  expected: { audiences: readonly string[]; nowSeconds: number },
): JwtClaims {
  const parts = assertion.split('.');
  if (parts.length !== 3) throw oauthErrors.invalidAssertion('invalid assertion');
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = decodeJson(parts[0]);
    claims = decodeJson(parts[1]);
  } catch {
    throw oauthErrors.invalidAssertion('invalid assertion');
  }
  if (header['alg'] !== 'RS256')
    throw oauthErrors.invalidAssertion('invalid assertion: algorithm must be RS256');
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${parts[0]}.${parts[1]}`);
  if (!verifier.verify(key, Buffer.from(parts[2], 'base64url'))) {
    throw oauthErrors.invalidAssertion('invalid assertion: signature does not verify');
  }
  const { iss, sub, aud, exp } = claims;
  if (typeof iss !== 'string' || typeof sub !== 'string' || typeof exp !== 'number') {
    throw oauthErrors.invalidAssertion('invalid assertion: iss, sub and exp are required');
  }
  const audiences = (Array.isArray(aud) ? aud : [aud]).map((a) => String(a).replace(/\/+$/, ''));
  if (!audiences.some((a) => expected.audiences.includes(a)))
    throw oauthErrors.invalidAssertion('audience is invalid');
  if (exp <= expected.nowSeconds) throw oauthErrors.invalidAssertion('expired authorization code');
  return { iss, sub, aud: aud as string | string[], exp };
}
