import type { Logger } from '@nestjs/common';
import {
  EMPTY,
  exhaustMap,
  filter,
  map,
  type Observable,
  skip,
  type Subscription,
  switchMap,
  timer,
} from 'rxjs';
import type { Namespace } from 'socket.io';
import type { SessionService } from '../auth/session.service';
import type { RedisConnection } from '../cluster/redis.provider';

/**
 * How long a cluster node may be without Redis before it lets its panels
 * and boards go. Longer than a reconnect after a blip (at most
 * REDIS_RECONNECT_MAX_MS, 2 s, between attempts); by then another node has
 * taken this node's agents over at the dialer (its heartbeat lapsed after
 * 2 s, docs/operations.md).
 */
export const SOCKETS_RELEASED_AFTER_MS = 3000;

/** Emits each time this node has been without Redis for `afterMs` in a row; never without REDIS_URL. */
export function withoutRedisFor(redis: RedisConnection | null, afterMs: number): Observable<number> {
  if (!redis) return EMPTY;
  return redis.status$.pipe(switchMap((status) => (status === 'down' ? timer(afterMs) : EMPTY)));
}

/**
 * A node cut off from Redis (while another node may still have it) can
 * neither read the agents' streams nor commit to them: a panel left on it
 * would look connected and show nothing, no call ringing, no customer on
 * screen. So it closes its sockets of `namespace` with their connections
 * (not only the namespace: a panel's /status socket keeps its connection,
 * and with it the panel, on this node otherwise); each panel reconnects
 * through the balancer, this node refusing its handshake while Redis is away
 * (guardHandshake), and resumes by replay on a node that has Redis
 * (failure/cluster-node-partitioned.failure.spec.ts).
 */
export function releaseSocketsWithoutRedis(
  namespace: () => Namespace | undefined,
  redis: RedisConnection | null,
  logger: Logger,
  afterMs = SOCKETS_RELEASED_AFTER_MS,
): Subscription {
  return withoutRedisFor(redis, afterMs).subscribe(() => {
    const sockets = namespace();
    if (!sockets?.sockets.size) return;
    logger.warn(
      `Redis unreachable for ${afterMs} ms: ${sockets.sockets.size} sockets of ${sockets.name} let go, to reconnect to a node that has it`,
    );
    sockets.local.disconnectSockets(true);
  });
}

/** Emits each time Redis is back after this node lost it (not at the first connection); never without REDIS_URL. */
export function redisBack(redis: RedisConnection | null): Observable<void> {
  if (!redis) return EMPTY;
  // status$ repeats only on change, so every 'up' after the first is a return.
  return redis.status$.pipe(
    filter((status) => status === 'up'),
    skip(1),
    map(() => undefined),
  );
}

/**
 * Redis back after an outage may not hold every session this node's sockets
 * were let in with: restarted without persistence, a replica promoted before
 * it had them, or a session another node ended while this node could not
 * hear the notice. A panel of such a session, left connected here after a
 * short outage, would look live while nobody follows its agent at the dialer
 * (failure/cluster-redis-emptied.failure.spec.ts). So at each return the
 * node checks the sessions of its sockets in `namespace`; SessionService ends those
 * Redis no longer has, and their sockets hear why and close
 * (closeEndedSessions), as at any end: the panel asks the agent to log in.
 */
export function closeVanishedSessions(
  namespace: () => Namespace | undefined,
  sessions: SessionService,
  redis: RedisConnection | null,
  logger: Logger,
): Subscription {
  return redisBack(redis)
    .pipe(
      exhaustMap(() =>
        sessions.endVanished(sessionsOf(namespace())).catch((error: unknown) => {
          // Redis lost again meanwhile: its next return checks again.
          logger.warn({ err: error, msg: "could not check the sockets' sessions after Redis came back" });
          return 0;
        }),
      ),
    )
    .subscribe((ended) => {
      if (ended > 0) logger.warn(`Redis came back without ${ended} sessions of this node's sockets: ended`);
    });
}

/** The sessions of a namespace's sockets on this node, each once (both authenticated namespaces keep `sessionId`). */
function sessionsOf(namespace: Namespace | undefined): Set<string> {
  const ids = new Set<string>();
  for (const socket of namespace?.sockets.values() ?? [])
    ids.add((socket.data as { sessionId: string }).sessionId);
  return ids;
}
