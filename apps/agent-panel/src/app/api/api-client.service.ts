import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { IDEMPOTENCY_HEADER } from '@puente/contracts';
import { firstValueFrom } from 'rxjs';
import { jittered } from '../core/jitter.util';
import { RUNTIME_CONFIG } from '../core/runtime-config';
import { AuthTokens } from '../session/auth-tokens.service';
import { PanelError, toPanelError } from './api-error';
import { PendingActions } from './pending-actions';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  /**
   * A command acts on the world: it carries an Idempotency-Key, reused for its
   * own retry and for the same action repeated while its outcome is open
   * (PendingActions), so a second click cannot act twice.
   */
  command?: boolean;
  /** Public endpoints (login) send no token and never refresh. */
  anonymous?: boolean;
}

/** Typical pause before the one retry after a network failure (jittered): long enough for a blip to pass. */
export const RETRY_DELAY_MS = 400;

/**
 * The one way the panel talks to the gateway's REST API (/api/v1). It adds
 * the bearer token (only for the origin that issued it), refreshes it once on UNAUTHENTICATED, retries once on a
 * network failure with the same Idempotency-Key (so the gateway never acts
 * twice), gives a repeated action whose outcome is open the same key
 * (issue 15 §4), and turns every failure into a PanelError with a stable code.
 */
@Injectable({ providedIn: 'root' })
export class ApiClient {
  private readonly http = inject(HttpClient);
  private readonly config = inject(RUNTIME_CONFIG);
  private readonly tokens = inject(AuthTokens);
  private readonly pending = new PendingActions();

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  /** A command: POST with its own Idempotency-Key. */
  command<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, { body: body ?? {}, command: true });
  }

  async request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    if (!options.command) return this.attempt<T>(method, path, options, null);
    const action = `${method} ${path} ${JSON.stringify(options.body ?? {})}`;
    const key = this.pending.keyFor(action);
    try {
      const result = await this.attempt<T>(method, path, options, key);
      this.pending.settled(action, null);
      return result;
    } catch (error) {
      this.pending.settled(action, error instanceof PanelError ? error.code : 'UNKNOWN');
      throw error;
    }
  }

  private async attempt<T>(
    method: HttpMethod,
    path: string,
    options: RequestOptions,
    key: string | null,
  ): Promise<T> {
    let retried = false;
    let refreshed = false;
    if (!options.anonymous && this.tokens.expiresSoon()) await this.tokens.refresh();
    for (;;) {
      try {
        return await this.send<T>(method, path, options, key);
      } catch (raw) {
        const error = toPanelError(raw);
        if (error.code === 'NETWORK' && !retried) {
          retried = true;
          await new Promise((resolve) => setTimeout(resolve, jittered(RETRY_DELAY_MS)));
          continue;
        }
        if (error.code === 'UNAUTHENTICATED' && !options.anonymous && !refreshed) {
          refreshed = true;
          const outcome = await this.tokens.refresh();
          if (outcome === 'ok') continue;
        }
        throw error;
      }
    }
  }

  private send<T>(method: HttpMethod, path: string, options: RequestOptions, key: string | null): Promise<T> {
    const url = `${this.config.gatewayUrl}/api/v1${path}`;
    let headers = new HttpHeaders();
    // Only ever to the origin that issued the token (issue 14 §2).
    const token = options.anonymous ? null : this.tokens.accessTokenFor(url);
    if (!options.anonymous && !token) {
      return Promise.reject(new PanelError('UNAUTHENTICATED', 'not logged in', 401));
    }
    if (token) headers = headers.set('Authorization', `Bearer ${token}`);
    if (key) headers = headers.set(IDEMPOTENCY_HEADER, key);
    return firstValueFrom(
      this.http.request<T>(method, url, {
        body: options.body,
        headers,
      }),
    );
  }
}
