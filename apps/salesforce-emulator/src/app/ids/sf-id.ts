/**
 * Salesforce record ids: 15 case-sensitive characters (3-character key prefix
 * of the object, 2 of the instance, 1 reserved, 9 base-62 digits of a
 * counter) plus, in the 18-character form every API returns, a 3-character
 * suffix that encodes which of the first 15 are upper case, so that the id
 * survives case-insensitive systems (spreadsheets, Outlook, …).
 */

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[A-Z0-5]{3})?$/i;
/** Instance ("pod") characters of every id this org mints. */
export const INSTANCE = 'Pu';

function isUpper(c: string): boolean {
  return c >= 'A' && c <= 'Z';
}

/** The 3-character case-safety suffix of a 15-character id, exactly as Salesforce computes it. */
export function checksum(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let flags = 0;
    for (let i = 0; i < 5; i++) {
      if (isUpper(id15.charAt(chunk * 5 + i))) flags |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(flags);
  }
  return suffix;
}

export function to18(id15: string): string {
  return id15 + checksum(id15);
}

/**
 * Normalises an id given as 15 or 18 characters to its 18-character form, or
 * returns null when it cannot be an id. An 18-character id is
 * case-insensitive: its suffix restores the case of the first 15 characters.
 */
export function normalizeId(raw: unknown): string | null {
  if (typeof raw !== 'string' || !ID_SHAPE.test(raw)) return null;
  if (raw.length === 15) return to18(raw);
  const suffix = raw.slice(15).toUpperCase();
  let restored = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const flags = SUFFIX_ALPHABET.indexOf(suffix.charAt(chunk));
    for (let i = 0; i < 5; i++) {
      const c = raw.charAt(chunk * 5 + i);
      const upper = (flags & (1 << i)) !== 0;
      if (upper && !/[a-z]/i.test(c)) return null;
      restored += upper ? c.toUpperCase() : c.toLowerCase();
    }
  }
  return restored + suffix;
}

export function keyPrefixOf(id: string): string {
  return id.slice(0, 3);
}

/** The id minted for the `counter`-th record of an object (counter ≥ 1). */
export function mintId(keyPrefix: string, counter: number): string {
  let digits = '';
  let n = counter;
  while (n > 0) {
    digits = BASE62.charAt(n % 62) + digits;
    n = Math.floor(n / 62);
  }
  return to18(`${keyPrefix}${INSTANCE}0${digits.padStart(9, '0')}`);
}
