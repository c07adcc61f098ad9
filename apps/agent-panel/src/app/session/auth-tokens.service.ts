import { HttpClient } from '@angular/common/http';
import { DOCUMENT, DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { type SessionAgent, type SessionResponse, SessionResponseSchema } from '@puente/contracts';
import { firstValueFrom } from 'rxjs';
import { toPanelError } from '../api/api-error';
import { RUNTIME_CONFIG } from '../core/runtime-config';
import { readJson, STORAGE } from '../core/storage';

/** What the panel keeps so that a reload does not log the agent out. */
export interface StoredTokens {
  sessionId: string;
  accessToken: string;
  refreshToken: string;
  /** When the access token expires (ms since epoch, browser clock). */
  expiresAt: number;
  agent: SessionAgent;
}

export type RefreshOutcome = 'ok' | 'ended' | 'unreachable';

export const TOKENS_KEY = 'puente.session';

/**
 * The agent's tokens: kept in storage, refreshed before the access token
 * expires (the refresh token rotates on every use, so one refresh runs at a
 * time), and adopted from another tab of the panel when it refreshed first.
 */
@Injectable({ providedIn: 'root' })
export class AuthTokens {
  private readonly http = inject(HttpClient);
  private readonly config = inject(RUNTIME_CONFIG);
  private readonly storage = inject(STORAGE);
  private readonly current = signal<StoredTokens | null>(readJson<StoredTokens>(this.storage, TOKENS_KEY));
  private inFlight: Promise<RefreshOutcome> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private onEnded: () => void = () => undefined;

  readonly tokens = this.current.asReadonly();
  readonly agent = computed(() => this.current()?.agent ?? null);

  constructor() {
    const win = inject(DOCUMENT).defaultView;
    const onStorage = (e: StorageEvent) => {
      if (e.key === TOKENS_KEY) this.current.set(readJson<StoredTokens>(this.storage, TOKENS_KEY));
    };
    win?.addEventListener('storage', onStorage);
    inject(DestroyRef).onDestroy(() => {
      win?.removeEventListener('storage', onStorage);
      clearTimeout(this.timer);
    });
  }

  /** Called once the gateway refused the refresh token: the session is over. */
  whenEnded(callback: () => void): void {
    this.onEnded = callback;
  }

  accessToken(): string | null {
    return this.current()?.accessToken ?? null;
  }

  expiresSoon(marginMs = 15_000): boolean {
    const tokens = this.current();
    return !!tokens && tokens.expiresAt - Date.now() < marginMs;
  }

  set(response: SessionResponse): void {
    const tokens: StoredTokens = {
      sessionId: response.sessionId,
      accessToken: response.accessToken,
      refreshToken: response.refreshToken,
      expiresAt: Date.now() + response.expiresIn * 1000,
      agent: response.agent,
    };
    this.current.set(tokens);
    this.storage.setItem(TOKENS_KEY, JSON.stringify(tokens));
    this.schedule(response.expiresIn);
  }

  clear(): void {
    clearTimeout(this.timer);
    this.current.set(null);
    this.storage.removeItem(TOKENS_KEY);
  }

  /** Arms the refresh for tokens read from storage (after a reload). */
  resume(): void {
    const tokens = this.current();
    if (tokens) this.schedule(Math.max(0, (tokens.expiresAt - Date.now()) / 1000));
  }

  /** Exchanges the refresh token; concurrent callers share one request. */
  refresh(): Promise<RefreshOutcome> {
    this.inFlight ??= this.doRefresh().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async doRefresh(): Promise<RefreshOutcome> {
    const tokens = this.current();
    if (!tokens) return 'ended';
    try {
      const raw = await firstValueFrom(
        this.http.post(`${this.config.gatewayUrl}/api/v1/sessions/refresh`, {
          refreshToken: tokens.refreshToken,
        }),
      );
      this.set(SessionResponseSchema.parse(raw));
      return 'ok';
    } catch (error) {
      const panelError = toPanelError(error);
      // Another tab may have rotated the token a moment ago: use what it stored.
      const stored = readJson<StoredTokens>(this.storage, TOKENS_KEY);
      if (stored && stored.refreshToken !== tokens.refreshToken && stored.expiresAt > Date.now()) {
        this.current.set(stored);
        this.schedule((stored.expiresAt - Date.now()) / 1000);
        return 'ok';
      }
      if (panelError.code === 'UNAUTHENTICATED' || panelError.code === 'VALIDATION_FAILED') {
        this.onEnded();
        return 'ended';
      }
      this.schedule(5);
      return 'unreachable';
    }
  }

  /** Refreshes a minute before expiry (or at 80 % of a short lifetime). */
  private schedule(expiresInSeconds: number): void {
    clearTimeout(this.timer);
    const lead = Math.min(60, expiresInSeconds * 0.2);
    const delayMs = Math.max(0, (expiresInSeconds - lead) * 1000);
    this.timer = setTimeout(() => void this.refresh(), delayMs);
  }
}
