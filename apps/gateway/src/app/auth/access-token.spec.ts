import { createHmac } from 'node:crypto';
import { signAccessToken, verifyAccessToken } from './access-token';
import { TokenKeys } from './token-keys';

const k1 = { kid: 'k1', secret: 'the-first-secret-of-thirty-two-chars!!' };
const k2 = { kid: 'k2', secret: 'the-second-secret-of-thirty-two-chars!' };
const claims = { sub: 'agent-1', sid: 's-1', roles: ['agent' as const], iat: 1000, exp: 1900 };
const at = (seconds: number) => ({ now: seconds, maxAgeSeconds: 900 });

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const parts = (token: string) => token.split('.');
const header = (token: string) =>
  JSON.parse(Buffer.from(parts(token)[0], 'base64url').toString()) as Record<string, unknown>;
/** A token signed by hand with `secret` over whatever header and payload the attacker chose. */
const forge = (head: unknown, payload: unknown, secret: string) => {
  const input = `${b64(head)}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
};

describe('access tokens (jose, HS256 with a key id)', () => {
  it('signs with the first key, naming it in the kid header, and round-trips the claims', async () => {
    const token = await signAccessToken(claims, new TokenKeys([k2, k1]));
    expect(header(token)).toEqual({ alg: 'HS256', kid: 'k2', typ: 'JWT' });
    const verdict = await verifyAccessToken(token, new TokenKeys([k2, k1]), at(1500));
    expect(verdict).toEqual({ ok: true, claims });
  });

  it('rotation: a token of the old key verifies while the old key is listed, and not after', async () => {
    const old = await signAccessToken(claims, new TokenKeys([k1]));
    expect(await verifyAccessToken(old, new TokenKeys([k2, k1]), at(1500))).toMatchObject({ ok: true });
    expect(await verifyAccessToken(old, new TokenKeys([k2]), at(1500))).toEqual({
      ok: false,
      reason: 'unknown-key',
    });
  });

  it('refuses a tampered payload and a kid switched to another listed key', async () => {
    const token = await signAccessToken(claims, new TokenKeys([k1]));
    const [h, , s] = parts(token);
    const promoted = `${h}.${b64({ ...claims, roles: ['admin'] })}.${s}`;
    const keys = new TokenKeys([k1, k2]);
    expect(await verifyAccessToken(promoted, keys, at(1500))).toEqual({ ok: false, reason: 'signature' });
    const [, p] = parts(token);
    const switched = `${b64({ ...header(token), kid: 'k2' })}.${p}.${s}`;
    expect(await verifyAccessToken(switched, keys, at(1500))).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses an unknown kid, a missing kid and a token signed with a key nobody listed', async () => {
    const keys = new TokenKeys([k1]);
    const payload = { ...claims, iss: 'puente-gateway', aud: 'puente' };
    const unknown = forge({ alg: 'HS256', typ: 'JWT', kid: 'nope' }, payload, k1.secret);
    expect(await verifyAccessToken(unknown, keys, at(1500))).toEqual({ ok: false, reason: 'unknown-key' });
    const missing = forge({ alg: 'HS256', typ: 'JWT' }, payload, k1.secret);
    expect(await verifyAccessToken(missing, keys, at(1500))).toEqual({ ok: false, reason: 'unknown-key' });
    const foreign = await signAccessToken(claims, new TokenKeys([{ kid: 'k1', secret: k2.secret }]));
    expect(await verifyAccessToken(foreign, keys, at(1500))).toEqual({ ok: false, reason: 'signature' });
  });

  it('pins the algorithm: alg none and RS256 over an HMAC are refused', async () => {
    const keys = new TokenKeys([k1]);
    const payload = { ...claims, iss: 'puente-gateway', aud: 'puente' };
    const none = `${b64({ alg: 'none', typ: 'JWT', kid: 'k1' })}.${b64(payload)}.`;
    expect(await verifyAccessToken(none, keys, at(1500))).toEqual({ ok: false, reason: 'malformed' });
    const confused = forge({ alg: 'RS256', typ: 'JWT', kid: 'k1' }, payload, k1.secret);
    expect(await verifyAccessToken(confused, keys, at(1500))).toEqual({ ok: false, reason: 'malformed' });
    const hs512 = forge({ alg: 'HS512', typ: 'JWT', kid: 'k1' }, payload, k1.secret);
    expect(await verifyAccessToken(hs512, keys, at(1500))).toEqual({ ok: false, reason: 'malformed' });
  });

  it('checks exp and iat with a small clock tolerance', async () => {
    const keys = new TokenKeys([k1]);
    const token = await signAccessToken(claims, keys);
    expect(await verifyAccessToken(token, keys, at(1903))).toMatchObject({ ok: true });
    expect(await verifyAccessToken(token, keys, at(1906))).toEqual({ ok: false, reason: 'expired' });
    expect(await verifyAccessToken(token, keys, at(995))).toMatchObject({ ok: true });
    expect(await verifyAccessToken(token, keys, at(990))).toEqual({ ok: false, reason: 'malformed' });
    const tooLong = await signAccessToken({ ...claims, exp: 1000 + 86_400 }, keys);
    expect(await verifyAccessToken(tooLong, keys, at(1500 + 900))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses junk and claims of the wrong shape', async () => {
    const keys = new TokenKeys([k1]);
    expect(await verifyAccessToken('not.a.jwt', keys, at(1500))).toEqual({ ok: false, reason: 'malformed' });
    expect(await verifyAccessToken('', keys, at(1500))).toEqual({ ok: false, reason: 'malformed' });
    const head = { alg: 'HS256', typ: 'JWT', kid: 'k1' };
    const base = { ...claims, iss: 'puente-gateway', aud: 'puente' };
    const badRole = forge(head, { ...base, roles: ['root'] }, k1.secret);
    expect(await verifyAccessToken(badRole, keys, at(1500))).toEqual({ ok: false, reason: 'malformed' });
    const otherIssuer = forge(head, { ...base, iss: 'someone-else' }, k1.secret);
    expect(await verifyAccessToken(otherIssuer, keys, at(1500))).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses an empty key ring and duplicate key ids', () => {
    expect(() => new TokenKeys([])).toThrow(/at least one/);
    expect(() => new TokenKeys([k1, { ...k2, kid: 'k1' }])).toThrow(/twice/);
  });
});
