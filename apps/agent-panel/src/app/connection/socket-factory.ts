import { Injectable, InjectionToken, inject } from '@angular/core';
import { SOCKET_CONNECT_TIMEOUT_MS } from '@puente/contracts';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { PanelError } from '../api/api-error';
import { isListedGateway, originOf } from '../core/gateway-origin';
import { RANDOMIZATION_FACTOR } from '../core/jitter.util';
import { RUNTIME_CONFIG } from '../core/runtime-config';
import { AuthTokens } from '../session/auth-tokens.service';

/** How the panel opens a socket.io connection; replaced by a fake in unit tests. */
export type SocketFactory = (url: string, options: Partial<ManagerOptions & SocketOptions>) => Socket;

export const SOCKET_FACTORY = new InjectionToken<SocketFactory>('SOCKET_FACTORY', {
  providedIn: 'root',
  factory: () => io,
});

/** Reconnect fast and forever: a contact center panel must never need a reload to come back. */
export const RECONNECT_OPTIONS: Partial<ManagerOptions & SocketOptions> = {
  transports: ['websocket'],
  reconnection: true,
  reconnectionAttempts: Infinity,
  reconnectionDelay: 500,
  reconnectionDelayMax: 3000,
  // Each pause drawn within ±50% (socket.io's jitter; jitter.util.ts draws the panel's other pauses alike),
  // so panels dropped together by a gateway restart do not reconnect in the same tick (issue 15 §10).
  randomizationFactor: RANDOMIZATION_FACTOR,
  timeout: SOCKET_CONNECT_TIMEOUT_MS,
};

/**
 * The one way the panel opens a socket.io namespace of its gateway (issue
 * 14 §2): never on a host the served configuration does not name, and the
 * access token only in handshakes to the origin that issued it — asked for
 * at every handshake, so a reconnect sends the newest one.
 */
@Injectable({ providedIn: 'root' })
export class GatewaySockets {
  private readonly config = inject(RUNTIME_CONFIG);
  private readonly factory = inject(SOCKET_FACTORY);
  private readonly tokens = inject(AuthTokens);

  open(namespace: string, options: { authenticated: boolean }): Socket {
    const url = `${this.config.gatewayUrl}${namespace}`;
    if (!isListedGateway(url, this.config.gatewayOrigins)) {
      throw new PanelError('GATEWAY_NOT_ALLOWED', `${originOf(url) ?? url} is not a configured gateway`);
    }
    if (!options.authenticated) return this.factory(url, RECONNECT_OPTIONS);
    return this.factory(url, {
      ...RECONNECT_OPTIONS,
      auth: (cb: (data: object) => void) => cb({ token: this.tokens.accessTokenFor(url) }),
    });
  }
}
