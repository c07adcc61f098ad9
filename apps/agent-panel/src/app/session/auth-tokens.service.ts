import { HttpClient } from '@angular/common/http';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { type SessionResponse, SessionResponseSchema } from '@puente/contracts';
import { firstValueFrom } from 'rxjs';
import { toPanelError } from '../api/api-error';
import { originOf } from '../core/gateway-origin';
import { RUNTIME_CONFIG } from '../core/runtime-config';
import { SESSION_STORAGE, STORAGE } from '../core/storage';
import { LEGACY_TOKENS_KEY, SessionVault, type SessionTokens, tokensFrom } from './stored-session';
import {
  answerFor,
  channelName,
  holderLockName,
  refreshLockName,
  someTabHolds,
  TAB_CHANNEL,
  TAB_LOCKS,
  type TabMessage,
  TabMessageSchema,
} from './tab-sync';

export type RefreshOutcome = 'ok' | 'ended' | 'unreachable';

/** How long a tab waits for another to hand over a session, or the pair that replaced a spent refresh token. */
export const HAND_OVER_MS = 1000;

interface Waiter {
  /** null: any session (a tab starting without one); else a newer pair of this one. */
  than: SessionTokens | null;
  done: (tokens: SessionTokens | null) => void;
}

/**
 * The agent's tokens, bound to the gateway origin that issued them (issue
 * 14 §2). The access token lives in memory; the rotating refresh token in
 * this tab's sessionStorage, keyed by that origin, so a reload keeps the
 * agent logged in. Tabs of the panel share one session over a
 * BroadcastChannel: a new tab is handed it, every new pair is passed on,
 * and one tab at a time refreshes (a Web Lock), so none spends a refresh
 * token another already rotated.
 */
@Injectable({ providedIn: 'root' })
export class AuthTokens {
  private readonly http = inject(HttpClient);
  private readonly config = inject(RUNTIME_CONFIG);
  private readonly locks = inject(TAB_LOCKS);
  /** The configured gateway's origin: the only one these tokens are ever sent to. */
  readonly origin = originOf(this.config.gatewayUrl) ?? '';
  private readonly vault = new SessionVault(inject(SESSION_STORAGE), this.origin);
  private readonly channel = inject(TAB_CHANNEL)(channelName(this.origin));
  private readonly current = signal<SessionTokens | null>(this.vault.load(Date.now()));
  private inFlight: Promise<RefreshOutcome> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private waiters: Waiter[] = [];
  private releaseHolder: (() => void) | null = null;
  private onEnded: () => void = () => undefined;

  readonly tokens = this.current.asReadonly();
  readonly agent = computed(() => this.current()?.agent ?? null);

  constructor() {
    // Older builds kept the whole session in localStorage, for any gateway: never use it, never leave it.
    inject(STORAGE).removeItem(LEGACY_TOKENS_KEY);
    this.channel?.addEventListener('message', (event) => this.onMessage(event.data));
    inject(DestroyRef).onDestroy(() => {
      clearTimeout(this.timer);
      this.channel?.close();
      this.releaseHolder?.();
      for (const waiter of this.waiters) waiter.done(null);
    });
  }

  /** Called once the gateway refused the refresh token: the session is over. */
  whenEnded(callback: () => void): void {
    this.onEnded = callback;
  }

  /** The access token, for a request to the origin that issued it; null for any other. */
  accessTokenFor(url: string): string | null {
    const tokens = this.current();
    return tokens && originOf(url) === tokens.origin ? tokens.accessToken : null;
  }

  expiresSoon(marginMs = 15_000): boolean {
    const tokens = this.current();
    return !!tokens && tokens.expiresAt - Date.now() < marginMs;
  }

  /** At start: this tab's stored session, else one another tab of the panel hands over. */
  async restore(): Promise<SessionTokens | null> {
    let tokens = this.current();
    if (!tokens && this.channel && (await someTabHolds(this.locks, this.origin)))
      tokens = await this.ask(null);
    if (!tokens) return null;
    this.hold();
    if (tokens.accessToken) this.schedule((tokens.expiresAt - Date.now()) / 1000);
    return tokens;
  }

  set(response: SessionResponse): void {
    const tokens = tokensFrom(this.origin, response, Date.now(), this.current());
    this.adopt(tokens);
    this.post({ kind: 'tokens', tokens });
  }

  clear(): void {
    const ended = this.current();
    this.drop();
    if (ended) this.post({ kind: 'ended', sessionId: ended.sessionId });
  }

  /** Exchanges the refresh token; concurrent callers share one request. */
  refresh(): Promise<RefreshOutcome> {
    this.inFlight ??= this.doRefresh().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private doRefresh(): Promise<RefreshOutcome> {
    const held = this.current();
    if (!held) return Promise.resolve('ended');
    const work = () => this.refreshOnce(held);
    return this.locks ? this.locks.request(refreshLockName(this.origin), work) : work();
  }

  private async refreshOnce(held: SessionTokens): Promise<RefreshOutcome> {
    const tokens = this.current();
    if (!tokens) return 'ended';
    // Another tab refreshed while this one waited for the lock, and handed the new pair over.
    if (tokens.issuedAt > held.issuedAt && tokens.accessToken && !this.expiresSoon()) return 'ok';
    try {
      const raw = await firstValueFrom(
        this.http.post(`${this.config.gatewayUrl}/api/v1/sessions/refresh`, {
          refreshToken: tokens.refreshToken,
        }),
      );
      // Logged out meanwhile: the answer must not bring the session back.
      if (this.current()?.sessionId !== tokens.sessionId) return 'ended';
      this.set(SessionResponseSchema.parse(raw));
      return 'ok';
    } catch (error) {
      const code = toPanelError(error).code;
      if (code === 'UNAUTHENTICATED' || code === 'VALIDATION_FAILED') {
        // Another tab (without the Locks API) may have spent this token a moment ago: its pair is on the way.
        if (this.newerThan(tokens) || (await this.ask(tokens))) return 'ok';
        this.onEnded();
        return 'ended';
      }
      this.schedule(5);
      return 'unreachable';
    }
  }

  private onMessage(data: unknown): void {
    const parsed = TabMessageSchema.safeParse(data);
    if (!parsed.success) return;
    const message = parsed.data;
    const mine = this.current();
    if (message.kind === 'ask') {
      const answer = answerFor(mine, Date.now());
      if (answer) this.post(answer);
    } else if (message.kind === 'ended') {
      if (mine?.sessionId === message.sessionId) this.drop();
    } else {
      const theirs = message.tokens;
      if (theirs.origin !== this.origin || theirs.refreshExpiresAt <= Date.now()) return;
      const newer = !!mine && mine.sessionId === theirs.sessionId && theirs.issuedAt > mine.issuedAt;
      const handedOver = !mine && this.waiters.some((w) => w.than === null);
      if (!newer && !handedOver) return;
      this.adopt(theirs);
      const waiting = this.waiters;
      this.waiters = [];
      for (const waiter of waiting) waiter.done(theirs);
    }
  }

  /** Asks the other tabs; resolves with what was adopted, or null after HAND_OVER_MS. */
  private ask(than: SessionTokens | null): Promise<SessionTokens | null> {
    if (!this.channel) return Promise.resolve(null);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        than,
        done: (tokens) => {
          clearTimeout(timeout);
          resolve(tokens);
        },
      };
      const timeout = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(null);
      }, HAND_OVER_MS);
      this.waiters.push(waiter);
      this.post({ kind: 'ask' });
    });
  }

  /** Whether this tab already holds a later pair of the same session. */
  private newerThan(tokens: SessionTokens): boolean {
    const mine = this.current();
    return !!mine && mine.sessionId === tokens.sessionId && mine.issuedAt > tokens.issuedAt;
  }

  private adopt(tokens: SessionTokens): void {
    if (tokens.origin !== this.origin) return;
    this.current.set(tokens);
    this.vault.save(tokens);
    this.hold();
    if (tokens.accessToken) this.schedule((tokens.expiresAt - Date.now()) / 1000);
  }

  private drop(): void {
    clearTimeout(this.timer);
    this.current.set(null);
    this.vault.remove();
    this.releaseHolder?.();
    this.releaseHolder = null;
  }

  private post(message: TabMessage): void {
    this.channel?.postMessage(message);
  }

  /** Holds a shared lock while this tab has a session, so a starting tab knows someone can hand it over. */
  private hold(): void {
    if (this.releaseHolder || !this.locks) return;
    const released = new Promise<void>((resolve) => (this.releaseHolder = resolve));
    this.locks
      .request(holderLockName(this.origin), { mode: 'shared' }, () => released)
      .catch(() => undefined);
  }

  /** Refreshes a minute before expiry (or at 80 % of a short lifetime). */
  private schedule(expiresInSeconds: number): void {
    clearTimeout(this.timer);
    const lead = Math.min(60, expiresInSeconds * 0.2);
    const delayMs = Math.max(0, (expiresInSeconds - lead) * 1000);
    this.timer = setTimeout(() => void this.refresh(), delayMs);
  }
}
