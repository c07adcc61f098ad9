import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { gatewayOnlyInterceptor } from '../core/gateway-only.interceptor';
import { RUNTIME_CONFIG } from '../core/runtime-config';
import { AuthTokens } from '../session/auth-tokens.service';
import { TAB_CHANNEL, TAB_LOCKS } from '../session/tab-sync';
import { ApiClient } from './api-client.service';
import { PanelError } from './api-error';

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
});
