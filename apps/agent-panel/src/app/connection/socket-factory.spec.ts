import { provideHttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import type { Socket } from 'socket.io-client';
import { RUNTIME_CONFIG, type RuntimeConfig } from '../core/runtime-config';
import { AuthTokens } from '../session/auth-tokens.service';
import { TAB_CHANNEL, TAB_LOCKS } from '../session/tab-sync';
import { GatewaySockets, SOCKET_FACTORY } from './socket-factory';

const GW = 'http://gw.test:3000';

describe('GatewaySockets (issue 14 §2)', () => {
  let opened: { url: string; auth: unknown }[];

  function sockets(config: RuntimeConfig): GatewaySockets {
    opened = [];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        { provide: RUNTIME_CONFIG, useValue: config },
        { provide: TAB_CHANNEL, useValue: () => null },
        { provide: TAB_LOCKS, useValue: null },
        {
          provide: SOCKET_FACTORY,
          useValue: (url: string, options: { auth?: unknown }) => {
            opened.push({ url, auth: options.auth });
            return {} as Socket;
          },
        },
      ],
    });
    TestBed.inject(AuthTokens).set({
      sessionId: 's1',
      accessToken: 'access-1',
      expiresIn: 900,
      refreshToken: 'refresh-1',
      agent: {
        agentId: 'a1',
        user: 'ana',
        displayName: 'Ana',
        email: null,
        device: '1001',
        roles: ['agent'],
      },
    });
    return TestBed.inject(GatewaySockets);
  }

  const handshake = (auth: unknown) =>
    new Promise((resolve) => (auth as (cb: (data: object) => void) => void)(resolve));

  it('sends the access token only in authenticated handshakes to the gateway that issued it', async () => {
    const open = sockets({ gatewayUrl: GW, gatewayOrigins: [GW] });
    open.open('/status', { authenticated: false });
    open.open('/agents', { authenticated: true });
    expect(opened.map((o) => o.url)).toEqual([`${GW}/status`, `${GW}/agents`]);
    expect(opened[0].auth).toBeUndefined();
    expect(await handshake(opened[1].auth)).toEqual({ token: 'access-1' });
  });

  it('opens nothing on a gateway the configuration does not list', () => {
    const open = sockets({ gatewayUrl: 'http://attacker.test', gatewayOrigins: [GW] });
    expect(() => open.open('/agents', { authenticated: true })).toThrow(/GATEWAY_NOT_ALLOWED/);
    expect(opened).toEqual([]);
  });
});
