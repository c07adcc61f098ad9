import { signAccessToken, verifyAccessToken } from './access-token';

const secret = 'a-secret-of-at-least-thirty-two-chars!!';
const claims = { sub: 'agent-1', sid: 's-1', roles: ['agent' as const], iat: 1000, exp: 2000 };

describe('access tokens', () => {
  it('round-trips the claims while valid', () => {
    expect(verifyAccessToken(signAccessToken(claims, secret), secret, 1500)).toEqual({ ok: true, claims });
  });

  it('refuses expired, tampered, foreign and malformed tokens', () => {
    const token = signAccessToken(claims, secret);
    expect(verifyAccessToken(token, secret, 2000)).toEqual({ ok: false, reason: 'expired' });
    const [h, , s] = token.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url')}.${s}`;
    expect(verifyAccessToken(forged, secret, 1500)).toEqual({ ok: false, reason: 'signature' });
    expect(verifyAccessToken(token, 'another-secret-of-thirty-two-characters', 1500)).toEqual({
      ok: false,
      reason: 'signature',
    });
    expect(verifyAccessToken('not.a.jwt', secret, 1500)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyAccessToken('', secret, 1500)).toEqual({ ok: false, reason: 'malformed' });
  });
});
