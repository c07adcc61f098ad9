import { ServerResponse } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { SOCKET_HEARTBEAT } from '@puente/contracts';
import type { Observable } from 'rxjs';
import type { Server, ServerOptions } from 'socket.io';
import { REDIS, type RedisConnection } from '../cluster/redis.provider';

/**
 * The Streams adapter's settings in cluster mode (issue 18 §2): every node
 * appends broadcasts to one Redis stream and reads everyone else's, so an
 * emit to a room on one node reaches its sockets on all of them. maxLen
 * bounds the stream (it is also how far back a socket.io session could be
 * recovered, see CONNECTION_STATE_RECOVERY).
 */
export const STREAMS_ADAPTER_OPTIONS = {
  streamName: 'puente:socket.io',
  channelPrefix: 'puente:socket.io',
  sessionKeyPrefix: 'puente:sio:session:',
  maxLen: 10_000,
} as const;

/**
 * socket.io's connection-state recovery, which the Streams adapter supports
 * across nodes. The gateway does not turn it on (and did not before Redis):
 * a panel catches up with `resume {lastSeq}` from the per-agent event log,
 * which also survives a restart. Kept here so the cluster test measures it
 * with the settings it would have.
 */
export const CONNECTION_STATE_RECOVERY = {
  maxDisconnectionDuration: 2 * 60_000,
  skipMiddlewares: false,
} as const;

export interface PuenteIoSettings {
  readonly corsOrigins: readonly string[];
  /** Cluster mode: broadcasts go through Redis; null or absent: one node, in memory. */
  readonly redis?: RedisConnection | null;
  readonly connectionStateRecovery?: typeof CONNECTION_STATE_RECOVERY;
}

/**
 * One place for socket.io server options, used by the gateway and by the
 * cluster tests: allowed origins, a short heartbeat so a panel notices a
 * dead gateway within seconds, and the Redis Streams adapter when REDIS_URL
 * is set.
 */
export function puenteIoOptions(settings: PuenteIoSettings): Partial<ServerOptions> {
  const { corsOrigins, redis, connectionStateRecovery } = settings;
  return {
    ...SOCKET_HEARTBEAT,
    cors: { origin: corsOrigins.includes('*') ? true : [...corsOrigins], credentials: true },
    ...(redis ? { adapter: createAdapter(redis.client, STREAMS_ADAPTER_OPTIONS) } : {}),
    ...(connectionStateRecovery ? { connectionStateRecovery } : {}),
  };
}

/**
 * Lets each connection's upgrade request go once engine.io has accepted it
 * (CORS checked, transport open). Otherwise every panel keeps its HTTP
 * request for its whole shift: the IncomingMessage, its raw and parsed
 * headers and their strings, about 2.5 KiB of heap per connected panel
 * (issue 18 §3, `npm run bench -- events --heap-snapshot`). socket.io's
 * memory guide (https://socket.io/docs/v4/memory-usage/) drops the engine
 * socket's `request`; engine.io's upgrade response (WebSocketResponse, kept
 * by a listener on the TCP socket until it closes) holds it too, so its
 * `req` goes as well: a middleware sees that response first. The spec
 * checks the request is collected, so an engine.io upgrade that keeps it
 * another way fails there. A namespace socket's handshake is then built
 * without the request (no headers, url or query): Puente reads only
 * `handshake.auth` (the access token, socket-auth.ts) and
 * `handshake.address` (engine.io keeps it apart from the request).
 */
export function releaseUpgradeRequests(server: Server): void {
  const upgradeResponses = new WeakMap<object, { req: unknown }>();
  server.engine.use((req: object, res: { req: unknown }, next: () => void) => {
    // Polling's handshake answers on a real ServerResponse, which lets its request go by itself.
    if (!(res instanceof ServerResponse)) upgradeResponses.set(req, res);
    next();
  });
  server.engine.on('connection', (raw: { request: object | null }) => {
    const res = raw.request && upgradeResponses.get(raw.request);
    if (res) res.req = null;
    raw.request = null;
  });
}

export class PuenteIoAdapter extends IoAdapter {
  constructor(
    private readonly app: INestApplicationContext,
    private readonly corsOrigins: readonly string[],
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const redis = this.app.get<typeof REDIS, RedisConnection | null>(REDIS, { strict: false });
    const server: Server = super.createIOServer(port, {
      ...options,
      ...puenteIoOptions({ corsOrigins: this.corsOrigins, redis }),
    });
    releaseUpgradeRequests(server);
    return server;
  }

  /**
   * A socket's message handlers as plain listeners. Nest's own builds an
   * rxjs chain for every socket (fromEvent, share and first on disconnect,
   * then fromEvent, mergeMap and takeUntil per handler): about 3 KiB of
   * heap per connected panel for the life of its connection (issue 18 §3,
   * heap snapshots under `npm run bench -- events`). Same contract: the
   * handler's result (a value, promise or observable, through `transform`)
   * answers the ack, or is emitted when it names an event; nil answers
   * nothing; nothing answers once the socket is gone.
   */
  override bindMessageHandlers(
    // Nest's socket.io typings (its own copy of the package), as the base method declares them.
    socket: Parameters<IoAdapter['bindMessageHandlers']>[0],
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        // As rxjs's fromEvent hands them to Nest: one argument as is, several as an array.
        const { data, ack } = this.mapPayload(args.length > 1 ? args : args[0]);
        transform(callback(data, ack)).subscribe((response) => {
          if (response === null || response === undefined || socket.disconnected) return;
          const named = response as { event?: string; data?: unknown };
          if (named.event) socket.emit(named.event, named.data);
          else if (!isAckHandledManually && typeof ack === 'function') ack(response);
        });
      });
    }
  }
}
