import { type SessionResponse, SessionAgentSchema } from '@puente/contracts';
import { z } from 'zod';
import { type KeyValueStorage, storageKeys } from '../core/storage';

/**
 * The agent's session as the panel holds it, bound to the origin of the
 * gateway that issued it: its tokens are only ever sent there.
 */
export const SessionTokensSchema = z.object({
  origin: z.string().min(1),
  sessionId: z.string().min(1),
  /** In memory (and between tabs) only, never in storage: null after a reload until the first refresh. */
  accessToken: z.string().min(1).nullable(),
  /** When the access token expires (ms since epoch, browser clock); 0 without one. */
  expiresAt: z.number(),
  refreshToken: z.string().min(1),
  /** When the refresh token, and so the session, ends. */
  refreshExpiresAt: z.number(),
  /** When this pair was issued: between tabs, the newer pair wins (the refresh token rotates). */
  issuedAt: z.number(),
  agent: SessionAgentSchema,
});
export type SessionTokens = z.infer<typeof SessionTokensSchema>;

/** Without the gateway's word (a gateway older than refreshExpiresIn): a shift, its default refresh lifetime. */
export const FALLBACK_REFRESH_SECONDS = 12 * 3600;

export function tokensFrom(
  origin: string,
  response: SessionResponse,
  now: number,
  previous: SessionTokens | null,
): SessionTokens {
  const sameSession = previous?.sessionId === response.sessionId ? previous : null;
  const refreshExpiresAt =
    response.refreshExpiresIn !== undefined
      ? now + response.refreshExpiresIn * 1000
      : (sameSession?.refreshExpiresAt ?? now + FALLBACK_REFRESH_SECONDS * 1000);
  return {
    origin,
    sessionId: response.sessionId,
    accessToken: response.accessToken,
    expiresAt: now + response.expiresIn * 1000,
    refreshToken: response.refreshToken,
    refreshExpiresAt,
    issuedAt: Math.max(now, (sameSession?.issuedAt ?? 0) + 1),
    agent: response.agent,
  };
}

/** Before issue 14 §2 the whole session sat in localStorage under this key, bound to no gateway. */
export const LEGACY_TOKENS_KEY = 'puente.session';
const KEY_PREFIX = 'puente.session@';

export function sessionKey(origin: string): string {
  return `${KEY_PREFIX}${origin}`;
}

/**
 * This tab's session for one gateway origin in sessionStorage (the tab's
 * own, gone with it), so that a reload does not log the agent out. The
 * access token is left out: it lives in memory, and a reload refreshes.
 */
export class SessionVault {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly origin: string,
  ) {}

  /**
   * This origin's session if it is still good. Sessions of other gateways
   * are dropped, never offered to this one; so is an expired or garbled one.
   */
  load(now: number): SessionTokens | null {
    for (const key of storageKeys(this.storage)) {
      if (key.startsWith(KEY_PREFIX) && key !== sessionKey(this.origin)) this.storage.removeItem(key);
    }
    let stored: SessionTokens | null = null;
    try {
      const raw = this.storage.getItem(sessionKey(this.origin));
      const parsed = raw
        ? SessionTokensSchema.safeParse({ ...JSON.parse(raw), accessToken: null, expiresAt: 0 })
        : null;
      stored = parsed?.success ? parsed.data : null;
    } catch {
      stored = null;
    }
    if (!stored || stored.origin !== this.origin || stored.refreshExpiresAt <= now) {
      this.remove();
      return null;
    }
    return stored;
  }

  save(tokens: SessionTokens): void {
    if (tokens.origin !== this.origin) return;
    const { accessToken: _memoryOnly, expiresAt: _withIt, ...kept } = tokens;
    this.storage.setItem(sessionKey(this.origin), JSON.stringify(kept));
  }

  remove(): void {
    this.storage.removeItem(sessionKey(this.origin));
  }
}
