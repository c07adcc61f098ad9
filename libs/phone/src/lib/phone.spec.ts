import { digitsOnly, isAnonymousNumber, lastDigits, phonesMatch, toE164 } from './phone';

describe('toE164 (C12)', () => {
  it.each([
    ['011 15 5555-1234', 'AR', '+5491155551234'],
    ['+54 9 11 5555-1234', 'AR', '+5491155551234'],
    ['(011) 4555-1234', 'AR', '+541145551234'],
    ['0054 11 4555 1234', 'AR', '+541145551234'],
    ['+34 911 23 45 67', 'AR', '+34911234567'],
    ['911234567', 'ES', '+34911234567'],
    ['(415) 555-2671', 'US', '+14155552671'],
    ['+1 415-555-2671', 'AR', '+14155552671'],
  ] as const)('%s in %s is %s', (raw, country, e164) => {
    expect(toE164(raw, country)).toBe(e164);
  });

  it('refuses what cannot be a number', () => {
    expect(toE164('hello')).toBeNull();
    expect(toE164('12')).toBeNull();
    expect(toE164('')).toBeNull();
    expect(toE164('anonymous')).toBeNull();
  });
});

describe('anonymous callers (D3, C15)', () => {
  it.each(['', '  ', 'anonymous', 'Private', 'unknown', 'restricted', '0', '000', null, undefined])(
    '%p is anonymous',
    (raw) => {
      expect(isAnonymousNumber(raw)).toBe(true);
    },
  );

  it('a real number is not', () => {
    expect(isAnonymousNumber('+541155551234')).toBe(false);
  });
});

describe('matching', () => {
  it('keeps digits only and takes the last N', () => {
    expect(digitsOnly('+54 (11) 5555-1234')).toBe('541155551234');
    expect(lastDigits('+54 (11) 5555-1234')).toBe('5551234');
    expect(lastDigits('+54 (11) 5555-1234', 4)).toBe('1234');
  });

  it('matches the same number written differently, exactly', () => {
    expect(phonesMatch('011 15 5555-1234', '+5491155551234', { mode: 'exact' })).toBe(true);
  });

  it('matches on the last 7 digits when the prefixes differ (mobile 9 vs landline)', () => {
    expect(phonesMatch('11 5555 1234', '+5491155551234')).toBe(true);
    expect(phonesMatch('11 5555 1234', '+5491155551234', { mode: 'exact' })).toBe(false);
  });

  it('does not match different numbers, nor short ones by their tail', () => {
    expect(phonesMatch('+541155551234', '+541155559999')).toBe(false);
    expect(phonesMatch('1234', '99991234')).toBe(false);
  });
});
