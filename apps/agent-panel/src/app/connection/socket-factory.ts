import { InjectionToken } from '@angular/core';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';

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
  timeout: 4000,
};
