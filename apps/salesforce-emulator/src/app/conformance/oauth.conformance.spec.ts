import { createSign, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from 'jsforce';
import { startTestEmulator, type TestEmulator } from '../testing/emulator-app';
import {
  API_VERSION,
  clientCredentialsConnection,
  DEMO,
  demoOAuth2,
  passwordConnection,
  rejectionOf,
} from '../testing/jsforce-clients';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** An RS256 assertion as a JWT bearer client builds it. */
function assertion(privateKey: string, claims: Record<string, unknown>): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${enc({ alg: 'RS256' })}.${enc(claims)}`;
  return `${body}.${createSign('RSA-SHA256').update(body).sign(privateKey).toString('base64url')}`;
}

describe('OAuth 2.0 with jsforce as the client', () => {
  let emulator: TestEmulator;
  let dir: string;
  let privateKey: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sf-jwt-'));
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    privateKey = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    writeFileSync(join(dir, 'public.pem'), pair.publicKey.export({ type: 'spki', format: 'pem' }));
    emulator = await startTestEmulator({
      SALESFORCE_EMULATOR_SEED_RECORDS: 0,
      SALESFORCE_EMULATOR_JWT_PUBLIC_KEY: join(dir, 'public.pem'),
    });
  });

  afterAll(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers client_credentials with a Salesforce token response, running as the integration user', async () => {
    const res = await demoOAuth2(emulator.url).requestToken({ grant_type: 'client_credentials' });
    expect(res).toEqual({
      access_token: expect.stringMatching(/^00D\w{12}!AQ/),
      instance_url: emulator.url,
      id: expect.stringMatching(new RegExp(`^${emulator.url}/id/00D\\w{15}/005\\w{15}$`)),
      token_type: 'Bearer',
      issued_at: expect.stringMatching(/^\d{13}$/),
      signature: expect.any(String),
      scope: 'api',
    });
    const conn = await clientCredentialsConnection(emulator.url);
    const identity = await conn.identity();
    expect(identity.username).toBe(DEMO.integrationUser);
    expect(conn.userInfo?.organizationId).toMatch(/^00D/);
  });

  it('logs in with username and password (jsforce login over OAuth 2) as that user', async () => {
    const conn = await passwordConnection(emulator.url);
    expect(conn.instanceUrl).toBe(emulator.url);
    const identity = await conn.identity();
    expect(identity).toMatchObject({ username: DEMO.username, email: DEMO.username });
    expect(identity.user_id).toBe(conn.userInfo?.id);
  });

  it('issues a refresh token with the password flow and a new access token for it, at the same instance URL', async () => {
    const oauth2 = demoOAuth2(emulator.url);
    const first = await oauth2.authenticate(DEMO.username, DEMO.password);
    expect(first.refresh_token).toEqual(expect.any(String));
    const refreshed = await oauth2.refreshToken(first.refresh_token as string);
    expect(refreshed.access_token).not.toBe(first.access_token);
    expect(refreshed.instance_url).toBe(first.instance_url);
    expect(refreshed.id).toBe(first.id);
    const conn = new Connection({
      instanceUrl: refreshed.instance_url,
      accessToken: refreshed.access_token,
      version: API_VERSION,
    });
    expect((await conn.query('SELECT Id FROM User LIMIT 1')).totalSize).toBe(1);
  });

  it('accepts a JWT bearer assertion signed by the connected app key', async () => {
    const conn = new Connection({ oauth2: demoOAuth2(emulator.url), version: API_VERSION });
    const claims = {
      iss: DEMO.clientId,
      sub: DEMO.username,
      aud: emulator.url,
      exp: Math.floor(Date.now() / 1000) + 180,
    };
    const info = await conn.authorize({ grant_type: JWT_GRANT, assertion: assertion(privateKey, claims) });
    expect(info.url).toBe(`${emulator.url}/id/${info.organizationId}/${info.id}`);
    expect((await conn.identity()).username).toBe(DEMO.username);
  });

  it('refuses a JWT assertion signed by another key, or expired, with invalid_grant', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const claims = {
      iss: DEMO.clientId,
      sub: DEMO.username,
      aud: emulator.url,
      exp: Math.floor(Date.now() / 1000) + 180,
    };
    const oauth2 = demoOAuth2(emulator.url);
    const forged = await rejectionOf(
      oauth2.requestToken({ grant_type: JWT_GRANT, assertion: assertion(other, claims) }),
    );
    expect(forged.name).toBe('invalid_grant');
    const expired = await rejectionOf(
      oauth2.requestToken({
        grant_type: JWT_GRANT,
        assertion: assertion(privateKey, { ...claims, exp: 1000 }),
      }),
    );
    expect(expired).toMatchObject({ name: 'invalid_grant', message: 'expired authorization code' });
  });

  it('refuses bad credentials the way Salesforce words them', async () => {
    const badClient = new Connection({
      oauth2: { clientId: 'nobody', clientSecret: 'x', loginUrl: emulator.url },
      loginUrl: emulator.url,
    });
    expect(await rejectionOf(badClient.authorize({ grant_type: 'client_credentials' }))).toMatchObject({
      name: 'invalid_client_id',
      message: 'client identifier invalid',
    });
    const badSecret = demoOAuth2(emulator.url, 'wrong');
    expect(await rejectionOf(badSecret.requestToken({ grant_type: 'client_credentials' }))).toMatchObject({
      name: 'invalid_client',
    });
    expect(
      await rejectionOf(demoOAuth2(emulator.url).authenticate(DEMO.username, 'wrong-password')),
    ).toMatchObject({ name: 'invalid_grant', message: 'authentication failure' });
    expect(await rejectionOf(demoOAuth2(emulator.url).refreshToken('5Aepnot-a-token'))).toMatchObject({
      name: 'invalid_grant',
      message: 'expired access/refresh token',
    });
    expect(await rejectionOf(demoOAuth2(emulator.url).requestToken({ grant_type: 'magic' }))).toMatchObject({
      name: 'unsupported_grant_type',
    });
  });

  it('revokes a refresh token together with the sessions it issued', async () => {
    const oauth2 = demoOAuth2(emulator.url);
    const res = await oauth2.authenticate(DEMO.username, DEMO.password);
    await oauth2.revokeToken(res.refresh_token as string);
    const conn = new Connection({
      instanceUrl: res.instance_url,
      accessToken: res.access_token,
      version: API_VERSION,
    });
    expect(await rejectionOf(conn.query('SELECT Id FROM User'))).toMatchObject({
      errorCode: 'INVALID_SESSION_ID',
    });
    expect(await rejectionOf(oauth2.refreshToken(res.refresh_token as string))).toMatchObject({
      name: 'invalid_grant',
    });
  });

  it('answers userinfo (OpenID Connect) for a bearer token and refuses an unknown one', async () => {
    const conn = await passwordConnection(emulator.url);
    const info = await conn.request<Record<string, unknown>>(`${emulator.url}/services/oauth2/userinfo`);
    expect(info).toMatchObject({
      preferred_username: DEMO.username,
      organization_id: conn.userInfo?.organizationId,
    });
    const res = await fetch(`${emulator.url}/services/oauth2/userinfo`, {
      headers: { Authorization: 'Bearer nope' },
    });
    expect(res.status).toBe(403);
  });

  it('maps each dialer user to a Salesforce user by e-mail and by FederationIdentifier (SPEC A5)', async () => {
    const conn = await clientCredentialsConnection(emulator.url);
    const users = await conn.query<{ Username: string; Email: string; FederationIdentifier: string | null }>(
      "SELECT Username, Email, FederationIdentifier FROM User WHERE FederationIdentifier IN ('agent01', 'agent20', 'super02') ORDER BY FederationIdentifier",
    );
    expect(users.records.map((u) => [u.FederationIdentifier, u.Email])).toEqual([
      ['agent01', 'agent1@puente.demo'],
      ['agent20', 'agent20@puente.demo'],
      ['super02', 'supervisor2@puente.demo'],
    ]);
  });
});
