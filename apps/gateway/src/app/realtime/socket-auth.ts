import type { Subscription } from 'rxjs';
import type { Namespace, Socket } from 'socket.io';
import type { Principal } from '../auth/principal';
import { SessionService } from '../auth/session.service';
import { ApiError } from '../http/api-error';
import { RedisUnavailableError } from '../cluster/redis.provider';

/** The room of one gateway session's sockets, whatever the namespace. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** The access token a panel sends in the handshake's `auth: { token }`. */
function handshakeToken(socket: Socket): string | undefined {
  const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  return typeof token === 'string' ? token : undefined;
}

/**
 * The one handshake guard of the authenticated namespaces: the access token
 * must name a live session, and `admit` turns that session into the
 * socket's data (or refuses it with an ApiError). A refusal reaches the
 * panel as connect_error with the stable code in `data.code` (docs/security.md).
 */
export function guardHandshake<D>(
  namespace: Namespace,
  sessions: SessionService,
  admit: (session: Principal) => D | Promise<D>,
): void {
  namespace.use((socket, next) => {
    sessions
      .authenticate(handshakeToken(socket))
      .then(({ session }) => admit(session))
      .then(
        (data) => {
          socket.data = data;
          next();
        },
        (error: unknown) => {
          // Redis unreachable (cluster mode) is not a bad token: the panel must try again, not log in.
          const code =
            error instanceof ApiError || error instanceof RedisUnavailableError
              ? error.code
              : 'UNAUTHENTICATED';
          next(Object.assign(new Error(code), { data: { code } }));
          // And try again elsewhere: its connection (with the panel's /status socket) would otherwise keep
          // it on this node, cut off from Redis (redis-loss.ts). Closed once the refusal has gone out.
          if (error instanceof RedisUnavailableError) setImmediate(() => socket.conn.close());
        },
      );
  });
}

/** Only users with one of `roles` get in (ApiError FORBIDDEN otherwise). */
export function requireRole(session: Principal, roles: readonly string[], message: string): void {
  if (!session.roles.some((role) => roles.includes(role))) throw new ApiError('FORBIDDEN', message);
}

/**
 * When a session ends (logout, expiry, another login), its sockets in this
 * namespace hear why and are closed. This namespace's sockets only: the
 * connection under them also carries the panel's /status link, which would
 * not come back from "io server disconnect" (issue 16 §2.6).
 */
export function closeEndedSessions(
  namespace: () => Namespace | undefined,
  sessions: SessionService,
): Subscription {
  return sessions.ended.subscribe(({ sessionId, reason }) => {
    // Every node hears of the end (SessionService.ended): each closes its own sockets, once.
    const room = namespace()?.local.in(sessionRoom(sessionId));
    room?.emit('session.ended', { reason });
    room?.disconnectSockets();
  });
}
