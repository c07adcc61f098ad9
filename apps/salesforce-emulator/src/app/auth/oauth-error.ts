/** An OAuth endpoint failure, answered as Salesforce does: 400 {error, error_description}. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(`${error}: ${description}`);
    this.name = 'OAuthError';
  }

  toJSON(): { error: string; error_description: string } {
    return { error: this.error, error_description: this.description };
  }
}

export const oauthErrors = {
  unsupportedGrant: () => new OAuthError('unsupported_grant_type', 'grant type not supported'),
  invalidClientId: () => new OAuthError('invalid_client_id', 'client identifier invalid'),
  invalidClient: () => new OAuthError('invalid_client', 'invalid client credentials'),
  authenticationFailure: () => new OAuthError('invalid_grant', 'authentication failure'),
  expiredToken: () => new OAuthError('invalid_grant', 'expired access/refresh token'),
  noIntegrationUser: () => new OAuthError('invalid_grant', 'no client credentials user enabled'),
  invalidAssertion: (why: string) => new OAuthError('invalid_grant', why),
  /** Over the per-user login rate (Login History says LOGIN_RATE_EXCEEDED); lifts as the hour rolls on. */
  loginRateExceeded: () => new OAuthError('invalid_grant', 'login rate exceeded'),
};
