import { createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';

export type SalesforceAuthFlow = 'client_credentials' | 'jwt' | 'password';

export interface SalesforceAuthConfig {
  flow: SalesforceAuthFlow;
  loginUrl: string;
  clientId: string;
  clientSecret: string | undefined;
  username: string | undefined;
  password: string | undefined;
  jwtKeyFile: string | undefined;
}

/** The token request parameters for a flow (jsforce's authorize() posts them to /services/oauth2/token). */
export function tokenParams(
  config: SalesforceAuthConfig,
  now = Date.now(),
): Record<string, string> & { grant_type: string } {
  switch (config.flow) {
    case 'client_credentials':
      return { grant_type: 'client_credentials' };
    case 'password':
      return { grant_type: 'password', username: config.username ?? '', password: config.password ?? '' };
    case 'jwt':
      return {
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: jwtAssertion(config, now),
      };
  }
}

/** An RS256 JWT bearer assertion: iss = the connected app, sub = the integration user, aud = the login URL. */
export function jwtAssertion(config: SalesforceAuthConfig, now = Date.now()): string {
  if (!config.jwtKeyFile || !config.username)
    throw new Error('the JWT flow needs SALESFORCE_JWT_KEY_FILE and SALESFORCE_USERNAME');
  const key = readFileSync(config.jwtKeyFile, 'utf8');
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const claims = {
    iss: config.clientId,
    sub: config.username,
    aud: jwtAudience(config.loginUrl),
    exp: Math.floor(now / 1000) + 180,
  };
  const body = `${enc({ alg: 'RS256' })}.${enc(claims)}`;
  return `${body}.${createSign('RSA-SHA256').update(body).sign(key).toString('base64url')}`;
}

/**
 * The JWT `aud`: Salesforce accepts only https://login.salesforce.com or, for
 * sandboxes, https://test.salesforce.com — never the My Domain URL the token
 * request itself may go to. Any other host (the local emulator, an
 * Experience Cloud site) is its own audience.
 */
export function jwtAudience(loginUrl: string): string {
  let host: string;
  try {
    host = new URL(loginUrl).hostname.toLowerCase();
  } catch {
    return loginUrl;
  }
  if (!/(^|\.)salesforce\.com$/.test(host)) return loginUrl.replace(/\/+$/, '');
  // Sandbox hosts: test.salesforce.com, enhanced (…--uat.sandbox.my…) and legacy (…--uat.my…, csNN) domains.
  const sandbox =
    host === 'test.salesforce.com' ||
    host.includes('.sandbox.') ||
    host.includes('--') ||
    /^cs\d+\./.test(host);
  return sandbox ? 'https://test.salesforce.com' : 'https://login.salesforce.com';
}
