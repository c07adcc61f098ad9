import { createHmac, createSign, generateKeyPairSync } from 'node:crypto';
import { OAuthError } from './oauth-error';
import { JWT_GRANT, OAuthService, type OAuthSettings } from './oauth.service';
import { loadPublicKey } from './jwt-bearer';
import { SessionStore } from './session-store';

const BASE = 'http://127.0.0.1:7002';
const ORG = '00DPu0000000001AAA';
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const users: Record<string, Record<string, unknown>> = {
  'agent1@puente.demo': { Id: '005Pu0000000002AAA', Username: 'agent1@puente.demo' },
  'integration@puente.demo': { Id: '005Pu0000000001AAA', Username: 'integration@puente.demo' },
};

function setup(overrides: Partial<OAuthSettings> = {}) {
  let now = 1_700_000_000_000;
  const sessions = new SessionStore('00DPu0000000001', 60_000);
  const settings: OAuthSettings = {
    clientId: 'puente-demo',
    clientSecret: 'puente-demo-secret',
    integrationUser: 'integration@puente.demo',
    demoPassword: 'puente-demo',
    jwtKey: loadPublicKey(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
    ...overrides,
  };
  const service = new OAuthService(
    settings,
    { byUsername: (u) => users[u] as never },
    sessions,
    ORG,
    () => now,
  );
  return { service, sessions, advance: (ms: number) => (now += ms), now: () => now };
}

function jwt(claims: Record<string, unknown>, alg = 'RS256'): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${enc({ alg })}.${enc(claims)}`;
  return `${body}.${createSign('RSA-SHA256').update(body).sign(privateKey).toString('base64url')}`;
}

function oauthError(fn: () => unknown): OAuthError {
  try {
    fn();
  } catch (e) {
    return e as OAuthError;
  }
  throw new Error('expected an OAuth error');
}

const client = { client_id: 'puente-demo', client_secret: 'puente-demo-secret' };

describe('OAuthService', () => {
  it('answers client_credentials like Salesforce, running as the integration user', () => {
    const { service, now } = setup();
    const res = service.token({ grant_type: 'client_credentials', ...client }, BASE);
    expect(res).toEqual({
      access_token: expect.stringMatching(/^00DPu0000000001!AQ/),
      signature: createHmac('sha256', 'puente-demo-secret')
        .update(res.id + res.issued_at)
        .digest('base64'),
      scope: 'api',
      instance_url: BASE,
      id: `${BASE}/id/${ORG}/005Pu0000000001AAA`,
      token_type: 'Bearer',
      issued_at: String(now()),
    });
    expect(service.session(res.access_token)?.userId).toBe('005Pu0000000001AAA');
  });

  it('logs users in with the password grant and refreshes with the refresh token it returns', () => {
    const { service } = setup();
    const login = service.token(
      { grant_type: 'password', username: 'agent1@puente.demo', password: 'puente-demo', ...client },
      BASE,
    );
    expect(login.refresh_token).toMatch(/^5Aep/);
    const refreshed = service.token(
      { grant_type: 'refresh_token', refresh_token: login.refresh_token, client_id: 'puente-demo' },
      BASE,
    );
    expect(refreshed.instance_url).toBe(login.instance_url);
    expect(refreshed.id).toBe(login.id);
    expect(refreshed.access_token).not.toBe(login.access_token);
    expect(refreshed.refresh_token).toBeUndefined();
  });

  it('accepts a JWT bearer assertion signed with the connected app key', () => {
    const { service, now } = setup();
    const exp = Math.floor(now() / 1000) + 180;
    const res = service.token(
      {
        grant_type: JWT_GRANT,
        assertion: jwt({ iss: 'puente-demo', sub: 'agent1@puente.demo', aud: BASE, exp }),
      },
      BASE,
    );
    expect(res.id).toContain('005Pu0000000002AAA');
    const bad = (claims: Record<string, unknown>, alg?: string) =>
      oauthError(() =>
        service.token(
          {
            grant_type: JWT_GRANT,
            assertion: jwt({ iss: 'puente-demo', sub: 'agent1@puente.demo', aud: BASE, exp, ...claims }, alg),
          },
          BASE,
        ),
      );
    expect(bad({ aud: 'https://evil.example' }).description).toBe('audience is invalid');
    expect(bad({ exp: Math.floor(now() / 1000) - 1 }).error).toBe('invalid_grant');
    expect(bad({ iss: 'other' }).error).toBe('invalid_client_id');
    expect(bad({ sub: 'nobody@x' }).error).toBe('invalid_grant');
    expect(bad({}, 'HS256').error).toBe('invalid_grant');
    const forged = jwt({ iss: 'puente-demo', sub: 'agent1@puente.demo', aud: BASE, exp }).replace(
      /\.[^.]+$/,
      '.AAAA',
    );
    expect(
      oauthError(() => service.token({ grant_type: JWT_GRANT, assertion: forged }, BASE)).description,
    ).toContain('signature');
    expect(oauthError(() => service.token({ grant_type: JWT_GRANT, assertion: 'x.y' }, BASE)).error).toBe(
      'invalid_grant',
    );
  });

  it('answers bad requests with Salesforce OAuth error codes', () => {
    const { service } = setup({ jwtKey: null });
    const err = (params: Record<string, string>) => oauthError(() => service.token(params, BASE)).toJSON();
    expect(err({ grant_type: 'authorization_code' })).toEqual({
      error: 'unsupported_grant_type',
      error_description: 'grant type not supported',
    });
    expect(err({})).toMatchObject({ error: 'unsupported_grant_type' });
    expect(err({ grant_type: 'client_credentials', client_id: 'nope', client_secret: 'x' })).toEqual({
      error: 'invalid_client_id',
      error_description: 'client identifier invalid',
    });
    expect(
      err({ grant_type: 'client_credentials', client_id: 'puente-demo', client_secret: 'x' }),
    ).toMatchObject({ error: 'invalid_client' });
    expect(
      err({ grant_type: 'password', username: 'agent1@puente.demo', password: 'wrong', ...client }),
    ).toEqual({
      error: 'invalid_grant',
      error_description: 'authentication failure',
    });
    expect(
      err({ grant_type: 'refresh_token', refresh_token: 'nope', client_id: 'puente-demo' }),
    ).toMatchObject({ error: 'invalid_grant' });
    expect(err({ grant_type: JWT_GRANT, assertion: 'a.b.c' })).toMatchObject({ error: 'invalid_client' });
  });

  it('times sessions out after inactivity, and revokes refresh tokens with their sessions', () => {
    const { service, advance } = setup();
    const login = service.token(
      { grant_type: 'password', username: 'agent1@puente.demo', password: 'puente-demo', ...client },
      BASE,
    );
    advance(50_000);
    expect(service.session(login.access_token)).toBeDefined();
    advance(50_000);
    expect(service.session(login.access_token)).toBeDefined();
    advance(60_001);
    expect(service.session(login.access_token)).toBeUndefined();
    const again = service.token(
      { grant_type: 'refresh_token', refresh_token: login.refresh_token, ...client },
      BASE,
    );
    service.revoke(login.refresh_token);
    expect(service.session(again.access_token)).toBeUndefined();
    expect(() => service.revoke('nope')).toThrow(OAuthError);
  });

  it("counts each user's logins and refuses them beyond the hourly limit until the hour rolls on", () => {
    const { service, advance } = setup({ loginsPerHour: 2 });
    const rateExceeded = new OAuthError('invalid_grant', 'login rate exceeded');
    const login = () => service.token({ grant_type: 'client_credentials', ...client }, BASE);
    login();
    advance(30 * 60_000);
    login();
    expect(() => login()).toThrow(rateExceeded);
    // Failed logins count against the user they name: two wrong passwords use up agent1's hour.
    const password = (value: string) =>
      service.token(
        { grant_type: 'password', username: 'agent1@puente.demo', password: value, ...client },
        BASE,
      );
    expect(() => password('wrong')).toThrow(new OAuthError('invalid_grant', 'authentication failure'));
    expect(() => password('wrong')).toThrow(new OAuthError('invalid_grant', 'authentication failure'));
    expect(() => password('puente-demo')).toThrow(rateExceeded);
    // An hour after its first login, the integration user may log in again.
    advance(30 * 60_000);
    expect(login().access_token).toBeDefined();
  });

  it('expires every session at once, leaving refresh tokens usable', () => {
    const { service, sessions } = setup();
    const login = service.token(
      { grant_type: 'password', username: 'agent1@puente.demo', password: 'puente-demo', ...client },
      BASE,
    );
    expect(sessions.expireAll()).toBe(1);
    expect(service.session(login.access_token)).toBeUndefined();
    expect(() =>
      service.token({ grant_type: 'refresh_token', refresh_token: login.refresh_token, ...client }, BASE),
    ).not.toThrow();
  });
});
