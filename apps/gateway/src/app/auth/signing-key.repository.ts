/** An HMAC key that signs access tokens, named by its kid. */
export interface TokenKey {
  kid: string;
  secret: string;
}

/**
 * Where the access-token key the gateway generated for itself is kept (when
 * no GATEWAY_TOKEN_SECRET(S) is configured), so a restart keeps everybody
 * logged in. Owner-only: it signs every access token.
 */
export abstract class SigningKeyRepository {
  abstract generated(): TokenKey | undefined;
  abstract saveGenerated(key: TokenKey): void;
}
