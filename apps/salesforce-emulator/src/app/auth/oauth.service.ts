import { createHmac, type KeyObject, timingSafeEqual } from 'node:crypto';
import type { SObjectRecord } from '../metadata/object';
import { verifyAssertion } from './jwt-bearer';
import { LoginRateLimiter } from './login-rate';
import { OAuthError, oauthErrors } from './oauth-error';
import type { Session, SessionStore } from './session-store';

export const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface OAuthSettings {
  clientId: string;
  clientSecret: string;
  /** Username the client-credentials flow runs as. */
  integrationUser: string;
  /** Password every seeded user logs in with. */
  demoPassword: string;
  /** The connected app's certificate for JWT bearer; null: the flow is not set up. */
  jwtKey: KeyObject | null;
  /** Logins allowed per user per hour (Salesforce: 3,600); beyond it token requests are refused. */
  loginsPerHour?: number;
}

/** Finds users for the grants; only active users may log in. */
export interface UserDirectory {
  byUsername(username: string): SObjectRecord | undefined;
}

export interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  signature: string;
  scope: string;
  instance_url: string;
  id: string;
  token_type: 'Bearer';
  issued_at: string;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The token endpoint's grants: client_credentials, password, refresh_token
 * and JWT bearer, with Salesforce's responses and errors. The instance URL
 * is the org's own base URL, the same for every grant and every refresh.
 */
export class OAuthService {
  private readonly loginRate: LoginRateLimiter;

  constructor(
    private readonly settings: OAuthSettings,
    private readonly users: UserDirectory,
    private readonly sessions: SessionStore,
    private readonly orgId: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.loginRate = new LoginRateLimiter(settings.loginsPerHour ?? 3600, clock);
  }

  token(params: Record<string, string | undefined>, baseUrl: string): TokenResponse {
    switch (params['grant_type']) {
      case 'client_credentials':
        return this.clientCredentials(params, baseUrl);
      case 'password':
        return this.password(params, baseUrl);
      case 'refresh_token':
        return this.refresh(params, baseUrl);
      case JWT_GRANT:
        return this.jwtBearer(params, baseUrl);
      default:
        throw oauthErrors.unsupportedGrant();
    }
  }

  /** Revokes an access or refresh token (POST /services/oauth2/revoke). */
  revoke(token: string | undefined): void {
    if (!token || !this.sessions.revoke(token)) throw new OAuthError('invalid_token', 'invalid token');
  }

  /** The session behind a bearer token, or undefined when it is unknown or has timed out. */
  session(token: string): Session | undefined {
    return this.sessions.use(token, this.clock());
  }

  identityUrl(baseUrl: string, userId: string): string {
    return `${baseUrl}/id/${this.orgId}/${userId}`;
  }

  private checkClient(params: Record<string, string | undefined>, secretRequired: boolean): string {
    const clientId = params['client_id'];
    if (!clientId || !same(clientId, this.settings.clientId)) throw oauthErrors.invalidClientId();
    const secret = params['client_secret'];
    if (secret === undefined ? secretRequired : !same(secret, this.settings.clientSecret)) {
      throw oauthErrors.invalidClient();
    }
    return clientId;
  }

  private clientCredentials(params: Record<string, string | undefined>, baseUrl: string): TokenResponse {
    const clientId = this.checkClient(params, true);
    const user = this.users.byUsername(this.settings.integrationUser);
    if (!user) throw oauthErrors.noIntegrationUser();
    this.countLogin(String(user['Id']));
    return this.respond(this.sessions.issue(user['Id'] as string, clientId, this.clock()), baseUrl, 'api');
  }

  private password(params: Record<string, string | undefined>, baseUrl: string): TokenResponse {
    const clientId = this.checkClient(params, true);
    const user = params['username'] ? this.users.byUsername(params['username']) : undefined;
    if (user) this.countLogin(String(user['Id']));
    if (!user || !params['password'] || !same(params['password'], this.settings.demoPassword)) {
      throw oauthErrors.authenticationFailure();
    }
    const now = this.clock();
    const refresh = this.sessions.issueRefreshToken(user['Id'] as string, clientId, now);
    const session = this.sessions.issue(user['Id'] as string, clientId, now, refresh.token);
    return { ...this.respond(session, baseUrl, 'api refresh_token'), refresh_token: refresh.token };
  }

  private refresh(params: Record<string, string | undefined>, baseUrl: string): TokenResponse {
    const clientId = this.checkClient(params, false);
    const grant = params['refresh_token'] ? this.sessions.refreshGrant(params['refresh_token']) : undefined;
    if (!grant || grant.clientId !== clientId) throw oauthErrors.expiredToken();
    this.countLogin(grant.userId);
    const session = this.sessions.issue(grant.userId, clientId, this.clock(), grant.token);
    return this.respond(session, baseUrl, 'api refresh_token');
  }

  private jwtBearer(params: Record<string, string | undefined>, baseUrl: string): TokenResponse {
    const assertion = params['assertion'];
    if (!assertion) throw oauthErrors.invalidAssertion('invalid assertion');
    if (!this.settings.jwtKey) {
      throw new OAuthError('invalid_client', 'this connected app has no certificate for the JWT bearer flow');
    }
    const audiences = [baseUrl, 'https://login.salesforce.com', 'https://test.salesforce.com'];
    const claims = verifyAssertion(assertion, this.settings.jwtKey, {
      audiences,
      nowSeconds: Math.floor(this.clock() / 1000),
    });
    if (!same(claims.iss, this.settings.clientId)) throw oauthErrors.invalidClientId();
    const user = this.users.byUsername(claims.sub);
    if (!user) throw oauthErrors.invalidAssertion("user hasn't approved this consumer");
    this.countLogin(String(user['Id']));
    return this.respond(this.sessions.issue(user['Id'] as string, claims.iss, this.clock()), baseUrl, 'api');
  }

  /** Every login of a known user counts towards its hourly limit, failed ones included. */
  private countLogin(userId: string): void {
    if (!this.loginRate.admit(userId)) throw oauthErrors.loginRateExceeded();
  }

  private respond(session: Session, baseUrl: string, scope: string): TokenResponse {
    const id = this.identityUrl(baseUrl, session.userId);
    const issuedAt = String(session.issuedAt);
    const signature = createHmac('sha256', this.settings.clientSecret)
      .update(id + issuedAt)
      .digest('base64');
    return {
      access_token: session.accessToken,
      signature,
      scope,
      instance_url: baseUrl,
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
    };
  }
}
