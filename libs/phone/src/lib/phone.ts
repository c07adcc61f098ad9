import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/** What callers without a number look like on trunks and IVRs (D3, C15). */
const ANONYMOUS = new Set([
  '',
  'anonymous',
  'private',
  'privado',
  'unknown',
  'unavailable',
  'restricted',
  'withheld',
  'anonimo',
  'anónimo',
]);

/** True when the caller withheld their number: no search by phone is possible. */
export function isAnonymousNumber(raw: string | null | undefined): boolean {
  if (raw === null || raw === undefined) return true;
  const value = raw.trim().toLowerCase();
  return ANONYMOUS.has(value) || /^0+$/.test(value) || digitsOnly(value).length === 0;
}

export function digitsOnly(raw: string): string {
  return raw.replace(/\D+/g, '');
}

/**
 * The number in E.164 (C12), or null when it cannot be a phone number.
 * Local forms are read in `defaultCountry` (e.g. "011 15 5555-1234" in AR is
 * +5491155551234); a leading 00 counts as the international prefix.
 */
export function toE164(raw: string | null | undefined, defaultCountry: CountryCode = 'AR'): string | null {
  if (isAnonymousNumber(raw)) return null;
  const trimmed = (raw as string).trim().replace(/^00(?=[1-9])/, '+');
  const parsed = parsePhoneNumberFromString(trimmed, defaultCountry);
  if (!parsed || !parsed.isPossible()) return null;
  return parsed.number;
}

/** The last `count` digits of a number, for the "last N digits" matching rule (C12, default 7). */
export function lastDigits(raw: string, count = 7): string {
  const digits = digitsOnly(raw);
  return digits.slice(-count);
}

export type PhoneMatchRule = { mode: 'exact' } | { mode: 'lastDigits'; digits: number };

export const DEFAULT_MATCH_RULE: PhoneMatchRule = { mode: 'lastDigits', digits: 7 };

/** Whether two numbers are the same caller under a rule; numbers shorter than N digits match only exactly. */
export function phonesMatch(
  a: string,
  b: string,
  rule: PhoneMatchRule = DEFAULT_MATCH_RULE,
  defaultCountry: CountryCode = 'AR',
): boolean {
  const ea = toE164(a, defaultCountry);
  const eb = toE164(b, defaultCountry);
  if (ea && eb && ea === eb) return true;
  if (rule.mode === 'exact') return false;
  const da = digitsOnly(a);
  const db = digitsOnly(b);
  if (da.length < rule.digits || db.length < rule.digits) return da.length > 0 && da === db;
  return lastDigits(da, rule.digits) === lastDigits(db, rule.digits);
}
