import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HMAC-SHA256 request signatures for machine-to-machine calls (the IVR):
 * the signature covers "timestamp.body", so neither can be altered or
 * replayed later with a fresh timestamp. The "v1=" prefix lets the scheme
 * change without ambiguity.
 */
export const SIGNATURE_VERSION = 'v1';

export function signRequest(secret: string, timestamp: number | string, body: string | Buffer): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestamp}.`);
  mac.update(body);
  return `${SIGNATURE_VERSION}=${mac.digest('hex')}`;
}

/** Constant-time comparison, so the check leaks nothing about how much of a guess was right. */
export function signatureMatches(
  secret: string,
  timestamp: string,
  body: string | Buffer,
  signature: string,
): boolean {
  const expected = Buffer.from(signRequest(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The headers a signed request carries (names from the IVR contract). */
export function signedHeaders(
  names: { keyId: string; timestamp: string; signature: string },
  keyId: string,
  secret: string,
  body: string,
  now: number = Date.now(),
): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  return {
    [names.keyId]: keyId,
    [names.timestamp]: timestamp,
    [names.signature]: signRequest(secret, timestamp, body),
  };
}
