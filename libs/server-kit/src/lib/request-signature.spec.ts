import { createHmac } from 'node:crypto';
import { signatureMatches, signedHeaders, signRequest } from './request-signature';

const NAMES = { keyId: 'k', timestamp: 't', signature: 's' };

describe('request signatures', () => {
  it('signs "timestamp.body" with HMAC-SHA256 (a known vector)', () => {
    // echo -n '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret
    expect(signRequest('secret', 1700000000, '{"a":1}')).toBe(
      `v1=${createHmac('sha256', 'secret').update('1700000000.{"a":1}').digest('hex')}`,
    );
  });

  it('accepts its own signature and refuses any change to secret, timestamp or body', () => {
    const sig = signRequest('secret', '100', 'body');
    expect(signatureMatches('secret', '100', 'body', sig)).toBe(true);
    expect(signatureMatches('other', '100', 'body', sig)).toBe(false);
    expect(signatureMatches('secret', '101', 'body', sig)).toBe(false);
    expect(signatureMatches('secret', '100', 'bodY', sig)).toBe(false);
    expect(signatureMatches('secret', '100', 'body', 'v1=00')).toBe(false);
    expect(signatureMatches('secret', '100', 'body', '')).toBe(false);
  });

  it('builds the three headers with a seconds timestamp', () => {
    const h = signedHeaders(NAMES, 'ivr-1', 'secret', 'x', 1_700_000_000_999);
    expect(h).toEqual({ k: 'ivr-1', t: '1700000000', s: signRequest('secret', '1700000000', 'x') });
  });
});
