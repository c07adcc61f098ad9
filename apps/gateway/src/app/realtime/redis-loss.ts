import type { Logger } from '@nestjs/common';
import { EMPTY, type Observable, type Subscription, switchMap, timer } from 'rxjs';
import type { Namespace } from 'socket.io';
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
