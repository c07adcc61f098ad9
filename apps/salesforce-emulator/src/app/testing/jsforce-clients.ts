import { Connection, OAuth2 } from 'jsforce';

/** The demo org's defaults (docs/salesforce-emulator.md). */
export const DEMO = {
  clientId: 'puente-demo',
  clientSecret: 'puente-demo-secret',
  username: 'agent1@puente.demo',
  password: 'puente-demo',
  integrationUser: 'integration@puente.demo',
} as const;

export const API_VERSION = '62.0';

export function demoOAuth2(loginUrl: string, clientSecret: string = DEMO.clientSecret): OAuth2 {
  return new OAuth2({ clientId: DEMO.clientId, clientSecret, loginUrl });
}

/** A jsforce connection logged in with client credentials, re-authorizing on a 401 as the gateway does. */
export async function clientCredentialsConnection(loginUrl: string): Promise<Connection> {
  const conn: Connection = new Connection({
    oauth2: demoOAuth2(loginUrl),
    loginUrl,
    version: API_VERSION,
    refreshFn: (c, callback) => {
      c.oauth2
        .requestToken({ grant_type: 'client_credentials' })
        .then((res) => callback(null, res.access_token, res))
        .catch((error: Error) => callback(error));
    },
  });
  await conn.authorize({ grant_type: 'client_credentials' });
  return conn;
}

/** A jsforce connection logged in with the username-password flow (jsforce's login() over OAuth 2). */
export async function passwordConnection(
  loginUrl: string,
  username: string = DEMO.username,
): Promise<Connection> {
  const conn = new Connection({ oauth2: demoOAuth2(loginUrl), loginUrl, version: API_VERSION });
  await conn.login(username, DEMO.password);
  return conn;
}

/**
 * A connection that holds an access token and a refresh token, as an app
 * does after the web-server flow: jsforce refreshes it on its own after a 401.
 */
export async function refreshableConnection(loginUrl: string): Promise<Connection> {
  const res = await demoOAuth2(loginUrl).authenticate(DEMO.username, DEMO.password);
  return new Connection({
    oauth2: demoOAuth2(loginUrl),
    instanceUrl: res.instance_url,
    accessToken: res.access_token,
    refreshToken: res.refresh_token,
    version: API_VERSION,
  });
}

/** The error a jsforce promise rejects with (fails the test when it resolves). */
export async function rejectionOf(promise: PromiseLike<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail');
}
