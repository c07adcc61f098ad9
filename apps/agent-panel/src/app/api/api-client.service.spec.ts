import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { gatewayOnlyInterceptor } from '../core/gateway-only.interceptor';
import { RUNTIME_CONFIG } from '../core/runtime-config';
import { AuthTokens } from '../session/auth-tokens.service';
import { TAB_CHANNEL, TAB_LOCKS } from '../session/tab-sync';
import { ApiClient } from './api-client.service';
import { ERROR_MESSAGE, PanelError } from './api-error';

const GW = 'http://gw.test:3000';

describe('ApiClient and the gateway-only interceptor (issue 14 §2)', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([gatewayOnlyInterceptor])),
        provideHttpClientTesting(),
        { provide: RUNTIME_CONFIG, useValue: { gatewayUrl: GW, gatewayOrigins: [GW, 'https://gw2.test'] } },
        { provide: TAB_CHANNEL, useValue: () => null },
        { provide: TAB_LOCKS, useValue: null },
      ],
    });
    TestBed.inject(AuthTokens).set({
      sessionId: 's1',
      accessToken: 'access-1',
      expiresIn: 900,
      refreshToken: 'refresh-1',
      refreshExpiresIn: 3600,
      agent: {
        agentId: 'a1',
        user: 'ana',
        displayName: 'Ana',
        email: null,
        device: '1001',
        roles: ['agent'],
      },
    });
  });
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('sends the bearer token to the gateway that issued it', async () => {
    const answer = TestBed.inject(ApiClient).get('/me/settings');
    const request = TestBed.inject(HttpTestingController).expectOne(`${GW}/api/v1/me/settings`);
    expect(request.request.headers.get('Authorization')).toBe('Bearer access-1');
    request.flush({ ok: true });
    expect(await answer).toEqual({ ok: true });
  });

  it('never lets a request leave for a host off the list, whatever code sends it', async () => {
    const http = TestBed.inject(HttpClient);
    for (const url of [
      'http://attacker.test/api/v1/sessions/refresh',
      'http://gw.test:3001/x',
      '//attacker.test/x',
    ]) {
      const error = await firstValueFrom(http.post(url, { refreshToken: 'refresh-1' })).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(PanelError);
      expect((error as PanelError).code).toBe('GATEWAY_NOT_ALLOWED');
    }
    // The other listed gateway, and the panel's own files, are fine.
    const listed = firstValueFrom(http.get('https://gw2.test/health'));
    TestBed.inject(HttpTestingController).expectOne('https://gw2.test/health').flush({});
    await listed;
    const own = firstValueFrom(http.get('config.json'));
    TestBed.inject(HttpTestingController).expectOne('config.json').flush({});
    await own;
  });

  describe('a second click on an action whose outcome is open (issue 15 §4)', () => {
    const HOLD = `${GW}/api/v1/calls/c1/hold`;
    const keyOf = (r: { request: { headers: { get(name: string): string | null } } }) =>
      r.request.headers.get('Idempotency-Key');
    const answer = (status: number, code: string) => ({
      status,
      statusText: code,
    });

    it('reuses the Idempotency-Key after DIALER_OUTCOME_UNKNOWN, so the gateway acts at most once', async () => {
      const api = TestBed.inject(ApiClient);
      const http = TestBed.inject(HttpTestingController);
      const first = api.command('/calls/c1/hold').catch((e: unknown) => e);
      const one = http.expectOne(HOLD);
      one.flush(
        { code: 'DIALER_OUTCOME_UNKNOWN', message: 'no answer in time' },
        answer(504, 'Gateway Timeout'),
      );
      expect(await first).toMatchObject({ code: 'DIALER_OUTCOME_UNKNOWN' });

      const second = api.command('/calls/c1/hold');
      const two = http.expectOne(HOLD);
      expect(keyOf(two)).toBe(keyOf(one));
      two.flush({ accepted: true });
      await second;
    });

    it('reuses it after DIALER_UNAVAILABLE too, but not for another action', async () => {
      const api = TestBed.inject(ApiClient);
      const http = TestBed.inject(HttpTestingController);
      const first = api.command('/agent/pause', { breakStateId: '2' }).catch((e: unknown) => e);
      const one = http.expectOne(`${GW}/api/v1/agent/pause`);
      one.flush({ code: 'DIALER_UNAVAILABLE', message: 'try again' }, answer(503, 'Service Unavailable'));
      await first;
      // Another break state is another action.
      const other = api.command('/agent/pause', { breakStateId: '3' }).catch((e: unknown) => e);
      const differs = http.expectOne(`${GW}/api/v1/agent/pause`);
      expect(keyOf(differs)).not.toBe(keyOf(one));
      differs.flush({ code: 'DIALER_UNAVAILABLE', message: 'try again' }, answer(503, 'Service Unavailable'));
      await other;
      const again = api.command('/agent/pause', { breakStateId: '2' });
      const same = http.expectOne(`${GW}/api/v1/agent/pause`);
      expect(keyOf(same)).toBe(keyOf(one));
      same.flush({ pending: false });
      await again;
    });

    it("reuses it after REDIS_UNAVAILABLE (the gateways' shared store away, issue 18 §2) and says why in words", async () => {
      const api = TestBed.inject(ApiClient);
      const http = TestBed.inject(HttpTestingController);
      const first = api.command('/calls/7/hold', {}).catch((e: unknown) => e);
      const one = http.expectOne(`${GW}/api/v1/calls/7/hold`);
      one.flush({ code: 'REDIS_UNAVAILABLE', message: 'store away' }, answer(503, 'Service Unavailable'));
      expect(ERROR_MESSAGE[((await first) as PanelError).code]).toBe('error.REDIS_UNAVAILABLE');
      const again = api.command('/calls/7/hold', {});
      const same = http.expectOne(`${GW}/api/v1/calls/7/hold`);
      expect(keyOf(same)).toBe(keyOf(one));
      same.flush({ pending: false });
      await again;
    });

    it('a repeat after a final answer is a new action (Hold, Unhold, Hold)', async () => {
      const api = TestBed.inject(ApiClient);
      const http = TestBed.inject(HttpTestingController);
      const first = api.command('/calls/c1/hold').catch((e: unknown) => e);
      const one = http.expectOne(HOLD);
      one.flush(
        { code: 'DIALER_OUTCOME_UNKNOWN', message: 'no answer in time' },
        answer(504, 'Gateway Timeout'),
      );
      await first;
      const unhold = api.command('/calls/c1/unhold');
      http.expectOne(`${GW}/api/v1/calls/c1/unhold`).flush({ accepted: true });
      await unhold;
      const again = api.command('/calls/c1/hold');
      const three = http.expectOne(HOLD);
      expect(keyOf(three)).not.toBe(keyOf(one));
      three.flush({ accepted: true });
      await again;
      // And after that success, the next Hold is new again.
      const fourth = api.command('/calls/c1/hold');
      const four = http.expectOne(HOLD);
      expect(keyOf(four)).not.toBe(keyOf(three));
      four.flush({ accepted: true });
      await fourth;
    });
  });
});
