import { DOCUMENT, InjectionToken, inject } from '@angular/core';
import { z } from 'zod';
import { type SessionTokens, SessionTokensSchema } from './stored-session';

/** What the panel needs of a BroadcastChannel (the browser's, or Node's in unit tests). */
export interface TabChannel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

/** What the panel needs of the Web Locks API (navigator.locks). */
export interface TabLocks {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
  request<T>(name: string, options: { mode: 'shared' | 'exclusive' }, callback: () => Promise<T>): Promise<T>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

/** Opens the channel tabs of the panel share a session over; null where the browser has none. */
export const TAB_CHANNEL = new InjectionToken<(name: string) => TabChannel | null>('TAB_CHANNEL', {
  providedIn: 'root',
  factory: () => {
    const win = inject(DOCUMENT).defaultView;
    return (name) => {
      try {
        return win?.BroadcastChannel ? new win.BroadcastChannel(name) : null;
      } catch {
        // Blocked in this (third-party) context: each tab keeps its own session.
        return null;
      }
    };
  },
});

export const TAB_LOCKS = new InjectionToken<TabLocks | null>('TAB_LOCKS', {
  providedIn: 'root',
  factory: () => (inject(DOCUMENT).defaultView?.navigator.locks as TabLocks | undefined) ?? null,
});

/**
 * Between tabs of the panel on one gateway: `ask` (a tab with no session of
 * its own), `tokens` (the answer, and every new pair after a login or a
 * refresh), `ended` (that session is over). Same-origin only, like the
 * storage it replaces; checked like anything else that comes in.
 */
export const TabMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ask') }),
  z.object({ kind: z.literal('tokens'), tokens: SessionTokensSchema }),
  z.object({ kind: z.literal('ended'), sessionId: z.string() }),
]);
export type TabMessage = z.infer<typeof TabMessageSchema>;

export const channelName = (origin: string) => `puente.session@${origin}`;
/** Held (exclusively) by the one tab refreshing, so two tabs never spend the same refresh token. */
export const refreshLockName = (origin: string) => `puente.refresh@${origin}`;
/** Held (shared) by every tab holding a session: a new tab asks only when someone can answer. */
export const holderLockName = (origin: string) => `puente.holder@${origin}`;

/** Whether some tab holds a session for this origin; unknown (true) without the Locks API. */
export async function someTabHolds(locks: TabLocks | null, origin: string): Promise<boolean> {
  if (!locks) return true;
  try {
    const { held = [] } = await locks.query();
    return held.some((lock) => lock.name === holderLockName(origin));
  } catch {
    return true;
  }
}

/** The session to hand to an asking tab, or none. */
export function answerFor(tokens: SessionTokens | null, now: number): TabMessage | null {
  return tokens && tokens.refreshExpiresAt > now ? { kind: 'tokens', tokens } : null;
}
