import { randomBytes } from 'node:crypto';
import type { GatewayConfig } from '../config/gateway.config';
import type { SigningKeyRepository, TokenKey } from './signing-key.repository';

/** A key that signs or verifies access tokens, named by the `kid` header of the tokens it signed. */
export type { TokenKey } from './signing-key.repository';

/** The kid of GATEWAY_TOKEN_SECRET, so it can later be listed in GATEWAY_TOKEN_SECRETS under that name. */
export const SINGLE_KEY_ID = 'default';

/**
 * The access-token keys (issue 14 §11): the first signs, every one verifies
 * the tokens that name it. Rotating is listing a new key, making it first,
 * and removing the old one once the tokens it signed have expired, so
 * nobody is logged out by a rotation.
 */
export class TokenKeys {
  readonly signing: { kid: string; key: Promise<CryptoKey> };
  private readonly byKid = new Map<string, Promise<CryptoKey>>();

  constructor(keys: readonly TokenKey[]) {
    if (keys.length === 0) throw new Error('Access tokens need at least one key.');
    for (const { kid, secret } of keys) {
      if (this.byKid.has(kid)) throw new Error(`The token key id ${kid} is listed twice.`);
      this.byKid.set(kid, hmacKey(secret));
    }
    const first = keys[0].kid;
    this.signing = { kid: first, key: this.byKid.get(first) as Promise<CryptoKey> };
  }

  /** The key a token names in its `kid` header, if it is listed. */
  key(kid: string | undefined): Promise<CryptoKey> | undefined {
    return kid === undefined ? undefined : this.byKid.get(kid);
  }
}

/**
 * Imported once: handed raw bytes, jose imports the key again for every
 * token, which made verifying ten times slower than the old code.
 */
function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
}

/**
 * The configured keys (GATEWAY_TOKEN_SECRETS, or GATEWAY_TOKEN_SECRET as the
 * key "default"); without either, one generated once and kept in the
 * gateway's owner-only store, so a restart keeps everybody logged in.
 */
export function tokenKeysFrom(config: GatewayConfig, store: SigningKeyRepository): TokenKeys {
  if (config.GATEWAY_TOKEN_SECRETS.length > 0) return new TokenKeys(config.GATEWAY_TOKEN_SECRETS);
  if (config.GATEWAY_TOKEN_SECRET)
    return new TokenKeys([{ kid: SINGLE_KEY_ID, secret: config.GATEWAY_TOKEN_SECRET }]);
  return new TokenKeys([generatedKey(store)]);
}

function generatedKey(store: SigningKeyRepository): TokenKey {
  const stored = store.generated();
  if (stored) return stored;
  const key = {
    kid: `local-${randomBytes(6).toString('base64url')}`,
    secret: randomBytes(48).toString('base64url'),
  };
  store.saveGenerated(key);
  return key;
}
