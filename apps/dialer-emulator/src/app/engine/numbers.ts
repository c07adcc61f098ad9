import { NeoApiError } from '@puente/neoapi';
import { toE164 } from '@puente/phone';

/** A number the dialer will call: E.164 for the outside world, or an internal extension. */
export interface DialTarget {
  number: string;
  internal: boolean;
}

/**
 * Validates a typed or clicked number (B2, B6): 3–6 digits are an internal
 * extension; anything else must read as a possible phone number (local forms
 * in Argentina's plan). Refusals are INVALID_NUMBER, which the panel shows
 * beside the keypad.
 */
export function parseDialNumber(raw: string, extensions: ReadonlySet<string>): DialTarget {
  const trimmed = raw.trim();
  if (/^\d{3,6}$/.test(trimmed) && extensions.has(trimmed)) return { number: trimmed, internal: true };
  const e164 = toE164(trimmed);
  if (!e164) throw new NeoApiError('INVALID_NUMBER', `"${raw}" is not a phone number the dialer can call`);
  return { number: e164, internal: false };
}

export function parseExternalNumber(raw: string): string {
  const e164 = toE164(raw.trim());
  if (!e164) throw new NeoApiError('INVALID_NUMBER', `"${raw}" is not a phone number the dialer can call`);
  return e164;
}
