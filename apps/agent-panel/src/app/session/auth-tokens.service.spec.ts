import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { createEnvironmentInjector, EnvironmentInjector, type Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { SessionResponse } from '@puente/contracts';
import { BroadcastChannel } from 'node:worker_threads';
import { RUNTIME_CONFIG } from '../core/runtime-config';
import { type KeyValueStorage, memoryStorage, SESSION_STORAGE, STORAGE, storageKeys } from '../core/storage';
import { AuthTokens, HAND_OVER_MS } from './auth-tokens.service';
import { FALLBACK_REFRESH_SECONDS, LEGACY_TOKENS_KEY, sessionKey, SessionVault } from './stored-session';
import { channelName, TAB_CHANNEL, TAB_LOCKS, type TabChannel } from './tab-sync';

const GW = 'http://gw.test:3000';
const OTHER = 'http://other-gw.test:3000';
const REFRESH_URL = `${GW}/api/v1/sessions/refresh`;

function response(n: number, overrides: Partial<SessionResponse> = {}): SessionResponse {
  return {
    sessionId: 's1',
    accessToken: `access-${n}`,
    expiresIn: 900,
    refreshToken: `refresh-${n}`,
    refreshExpiresIn: 43_200,
    agent: { agentId: 'a1', user: 'ana', displayName: 'Ana', email: null, device: '1001', roles: ['agent'] },
    ...overrides,
  };
}

/** Resolves once `check` holds (messages between tabs arrive on a later turn), or fails after 2 s. */
async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met within 2 s');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * One tab of the panel: its own injector, sessionStorage and HTTP backend;
 * the tabs of a test share localStorage and talk over Node's real
 * BroadcastChannel (the browser's is exercised by the Playwright tests).
 */
interface Tab {
  tokens: AuthTokens;
  http: HttpTestingController;
  session: KeyValueStorage;
  close(): void;
}

describe('AuthTokens', () => {
  let tabs: Tab[];
  let local: KeyValueStorage;

  beforeEach(() => {
    tabs = [];
    local = memoryStorage();
  });
  afterEach(() => {
    for (const tab of tabs) tab.close();
  });

  function openTab(options: { gateway?: string; session?: KeyValueStorage; extra?: Provider[] } = {}): Tab {
    const gateway = options.gateway ?? GW;
    const session = options.session ?? memoryStorage();
    const injector = createEnvironmentInjector(
      [
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: RUNTIME_CONFIG,
          useValue: { gatewayUrl: gateway, gatewayOrigins: [new URL(gateway).origin] },
        },
        { provide: SESSION_STORAGE, useValue: session },
        { provide: STORAGE, useValue: local },
        {
          provide: TAB_CHANNEL,
          useValue: (name: string) => new BroadcastChannel(name) as unknown as TabChannel,
        },
        { provide: TAB_LOCKS, useValue: null },
        AuthTokens,
        ...(options.extra ?? []),
      ],
      TestBed.inject(EnvironmentInjector),
    );
    const tab: Tab = {
      tokens: injector.get(AuthTokens),
      http: injector.get(HttpTestingController),
      session,
      close: () => {
        tabs = tabs.filter((t) => t !== tab);
        injector.destroy();
      },
    };
    tabs.push(tab);
    return tab;
  }

  describe('bound to the gateway that issued them', () => {
    it('keeps the refresh token in sessionStorage under its origin, the access token in memory only', () => {
      const { tokens, session } = openTab();
      tokens.set(response(1));
      expect(storageKeys(session)).toEqual([sessionKey(GW)]);
      const stored = session.getItem(sessionKey(GW)) ?? '';
      expect(JSON.parse(stored)).toMatchObject({ origin: GW, refreshToken: 'refresh-1', sessionId: 's1' });
      expect(stored).not.toContain('access-1');
      expect(storageKeys(local)).toEqual([]);
      expect(tokens.accessTokenFor(`${GW}/api/v1/me/settings`)).toBe('access-1');
    });

    it('gives the access token only for requests to that origin', () => {
      const { tokens } = openTab();
      tokens.set(response(1));
      for (const url of [
        `${OTHER}/api/v1/me/settings`,
        'https://gw.test:3000/api', // another scheme
        'http://gw.test:3001/api', // another port
        'http://gw.test.evil.test:3000/api',
        '/api/v1/me/settings',
      ]) {
        expect(tokens.accessTokenFor(url)).toBeNull();
      }
    });

    it('drops a session stored for another gateway and sends it nowhere; the agent logs in again', async () => {
      const session = memoryStorage();
      const elsewhere = openTab({ gateway: OTHER, session });
      elsewhere.tokens.set(response(1));
      elsewhere.close();

      const tab = openTab({ session });
      expect(tab.tokens.tokens()).toBeNull();
      expect(await tab.tokens.restore()).toBeNull();
      expect(storageKeys(session)).toEqual([]);
      tab.http.verify();
    });

    it('drops the whole session older builds kept in localStorage, without using it', async () => {
      local.setItem(
        LEGACY_TOKENS_KEY,
        JSON.stringify({
          sessionId: 's0',
          accessToken: 'old',
          refreshToken: 'old-refresh',
          expiresAt: Date.now() + 9e5,
        }),
      );
      const tab = openTab();
      expect(local.getItem(LEGACY_TOKENS_KEY)).toBeNull();
      expect(await tab.tokens.restore()).toBeNull();
      tab.http.verify();
    });

    it('after a reload restores from sessionStorage and refreshes first, at the origin that issued it', async () => {
      const session = memoryStorage();
      openTab({ session }).tokens.set(response(1));
      tabs[0].close();

      const reloaded = openTab({ session });
      const restored = await reloaded.tokens.restore();
      expect(restored).toMatchObject({ sessionId: 's1', accessToken: null, refreshToken: 'refresh-1' });
      expect(reloaded.tokens.expiresSoon()).toBe(true);
      const outcome = reloaded.tokens.refresh();
      const request = reloaded.http.expectOne(REFRESH_URL);
      expect(request.request.body).toEqual({ refreshToken: 'refresh-1' });
      request.flush(response(2));
      expect(await outcome).toBe('ok');
      expect(reloaded.tokens.accessTokenFor(GW)).toBe('access-2');
      expect(session.getItem(sessionKey(GW))).toContain('refresh-2');
    });
  });

  describe('expiry', () => {
    it('keeps the refresh token no longer than the gateway says it is good for', async () => {
      const session = memoryStorage();
      const before = Date.now();
      openTab({ session }).tokens.set(response(1, { refreshExpiresIn: 60 }));
      const { refreshExpiresAt } = JSON.parse(session.getItem(sessionKey(GW)) ?? '{}') as {
        refreshExpiresAt: number;
      };
      expect(refreshExpiresAt).toBeGreaterThanOrEqual(before + 60_000);
      expect(refreshExpiresAt).toBeLessThanOrEqual(Date.now() + 60_000);

      // Past it, a reload finds nothing to send.
      new SessionVault(session, GW).save({
        ...JSON.parse(session.getItem(sessionKey(GW)) ?? '{}'),
        refreshExpiresAt: Date.now() - 1,
      });
      tabs[0].close();
      const reloaded = openTab({ session });
      expect(await reloaded.tokens.restore()).toBeNull();
      expect(session.getItem(sessionKey(GW))).toBeNull();
      reloaded.http.verify();
    });

    it('without the gateway’s word, a shift from login, not pushed back by refreshes', async () => {
      const { tokens, http } = openTab();
      const loggedIn = Date.now();
      tokens.set(response(1, { refreshExpiresIn: undefined }));
      const end = tokens.tokens()?.refreshExpiresAt ?? 0;
      expect(end - loggedIn).toBeGreaterThanOrEqual(FALLBACK_REFRESH_SECONDS * 1000 - 50);
      const outcome = tokens.refresh();
      http.expectOne(REFRESH_URL).flush(response(2, { refreshExpiresIn: undefined }));
      expect(await outcome).toBe('ok');
      expect(tokens.tokens()?.refreshExpiresAt).toBe(end);
    });
  });

  describe('across tabs', () => {
    it('hands the open session to a new tab, with no request to the gateway', async () => {
      const first = openTab();
      first.tokens.set(response(1));
      const second = openTab();
      const handed = await second.tokens.restore();
      expect(handed).toMatchObject({ sessionId: 's1', accessToken: 'access-1', refreshToken: 'refresh-1' });
      expect(second.session.getItem(sessionKey(GW))).toContain('refresh-1');
      first.http.verify();
      second.http.verify();
    });

    it('passes every rotated pair on, so the other tab refreshes with the newest token', async () => {
      const first = openTab();
      first.tokens.set(response(1));
      const second = openTab();
      await second.tokens.restore();

      const outcome = first.tokens.refresh();
      first.http.expectOne(REFRESH_URL).flush(response(2));
      expect(await outcome).toBe('ok');
      await until(() => second.tokens.accessTokenFor(GW) === 'access-2');
      expect(second.session.getItem(sessionKey(GW))).toContain('refresh-2');

      const next = second.tokens.refresh();
      const request = second.http.expectOne(REFRESH_URL);
      expect(request.request.body).toEqual({ refreshToken: 'refresh-2' });
      request.flush(response(3));
      expect(await next).toBe('ok');
      await until(() => first.tokens.accessTokenFor(GW) === 'access-3');
    });

    it('two tabs refreshing at once: the one refused takes the pair the other got', async () => {
      const first = openTab();
      first.tokens.set(response(1));
      const second = openTab();
      await second.tokens.restore();

      const [a, b] = [first.tokens.refresh(), second.tokens.refresh()];
      const [ra, rb] = [first.http.expectOne(REFRESH_URL), second.http.expectOne(REFRESH_URL)];
      expect([ra.request.body, rb.request.body]).toEqual([
        { refreshToken: 'refresh-1' },
        { refreshToken: 'refresh-1' },
      ]);
      rb.flush({ code: 'UNAUTHENTICATED', message: 'spent' }, { status: 401, statusText: 'Unauthorized' });
      ra.flush(response(2));
      expect(await Promise.all([a, b])).toEqual(['ok', 'ok']);
      expect(second.tokens.accessTokenFor(GW)).toBe('access-2');
    });

    it('a refused refresh with no newer pair anywhere ends the session', async () => {
      const { tokens, http } = openTab();
      tokens.set(response(1));
      const ended = jest.fn();
      tokens.whenEnded(ended);
      const started = Date.now();
      const outcome = tokens.refresh();
      http
        .expectOne(REFRESH_URL)
        .flush({ code: 'UNAUTHENTICATED', message: 'over' }, { status: 401, statusText: 'x' });
      expect(await outcome).toBe('ended');
      expect(Date.now() - started).toBeGreaterThanOrEqual(HAND_OVER_MS - 50);
      expect(ended).toHaveBeenCalledTimes(1);
    });

    it('ignores pairs for another gateway or another session; an ended session ends in every tab', async () => {
      const first = openTab();
      first.tokens.set(response(1));
      const second = openTab();
      await second.tokens.restore();

      const intruder = new BroadcastChannel(channelName(GW));
      const forged = { ...first.tokens.tokens(), issuedAt: Date.now() + 60_000 };
      intruder.postMessage({
        kind: 'tokens',
        tokens: { ...forged, origin: OTHER, accessToken: 'stolen-elsewhere' },
      });
      intruder.postMessage({
        kind: 'tokens',
        tokens: { ...forged, sessionId: 's9', accessToken: 'another-session' },
      });
      intruder.postMessage({ kind: 'tokens', tokens: { ...forged, accessToken: 42 } });
      intruder.postMessage({ kind: 'ended', sessionId: 's9' });
      await new Promise((r) => setTimeout(r, 50));
      intruder.close();
      expect(second.tokens.accessTokenFor(GW)).toBe('access-1');

      first.tokens.clear();
      await until(() => second.tokens.tokens() === null);
      expect(second.session.getItem(sessionKey(GW))).toBeNull();
    });

    it('a tab on another gateway is never handed this one’s session', async () => {
      openTab().tokens.set(response(1));
      const elsewhere = openTab({ gateway: OTHER });
      expect(await elsewhere.tokens.restore()).toBeNull();
      elsewhere.http.verify();
    });
  });
});
