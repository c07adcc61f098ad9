import { Logger, type Provider } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import {
  BehaviorSubject,
  distinctUntilChanged,
  filter,
  firstValueFrom,
  type Observable,
  timeout,
} from 'rxjs';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { RedisWatchdog } from './redis-watchdog';

/** Replies in RESP2 shapes (ioredis's default), which the socket.io adapter and the scripts here expect. */
type ClientOptions = Omit<RedisOptions, 'replyMapping'>;

/** The node's Redis connection in cluster mode, or null (REDIS_URL unset: one node, nothing changes). */
export const REDIS = Symbol('REDIS');

export type RedisStatus = 'up' | 'down';

/** Longest pause between two reconnect attempts: a restarted Redis is found again within about this. */
export const REDIS_RECONNECT_MAX_MS = 2000;
/** A command that gets no answer in this long fails (a frozen Redis must not freeze lease renewal). */
export const REDIS_COMMAND_TIMEOUT_MS = 1000;
/**
 * A command connection that hears nothing for this long while commands wait
 * is dropped and made again: a black-holed route (no reset, no close) would
 * otherwise leave it "ready" while every command times out, and the node
 * would never say it lost Redis (realtime/redis-loss.ts).
 */
export const REDIS_SOCKET_TIMEOUT_MS = 2000;

/** Stable code of every failure caused by Redis being unreachable (issue 18 §2: "commands fail with a clear code"). */
export const REDIS_UNAVAILABLE = 'REDIS_UNAVAILABLE';

export class RedisUnavailableError extends Error {
  readonly code = REDIS_UNAVAILABLE;
  constructor(cause: unknown) {
    super(`Redis cannot be reached: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'RedisUnavailableError';
  }
}

/** 100 ms, 200, 400 … capped at REDIS_RECONNECT_MAX_MS, with jitter so nodes do not reconnect in step. */
export function reconnectDelay(attempt: number): number {
  return (
    Math.min(100 * 2 ** Math.max(0, attempt - 1), REDIS_RECONNECT_MAX_MS) + Math.floor(Math.random() * 100)
  );
}

/**
 * Commands fail at once while the connection is down (no offline queue)
 * and after one reconnect when it drops mid-command, instead of piling up
 * in memory and answering late. A hung server fails them after
 * REDIS_COMMAND_TIMEOUT_MS, and a connection silent for
 * REDIS_SOCKET_TIMEOUT_MS is taken as lost: CommandRedis's watchdog
 * (redis-watchdog.ts), not ioredis's timers, which take a stall of this
 * process for Redis's silence.
 */
export function commandClientOptions(connectionName: string): ClientOptions {
  return {
    connectionName,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: reconnectDelay,
  };
}

/**
 * Blocking reads (XREAD BLOCK) and subscriptions: they wait for the
 * connection to come back and carry on (ioredis resubscribes), and have no
 * command or socket time-out (a blocking read is silent by design).
 */
export const READER_OPTIONS: ClientOptions = {
  enableOfflineQueue: true,
  maxRetriesPerRequest: null,
  commandTimeout: undefined,
  socketTimeout: undefined,
};

/**
 * A command connection whose duplicates are readers: what the socket.io
 * Streams adapter needs, since it publishes on the client it is given and
 * reads and subscribes on duplicates of it.
 */
export class CommandRedis extends Redis {
  /** Readers made from it (the adapter's among them), so that closing the node closes them too. */
  readonly readers = new Set<Redis>();
  /** The socket held corked until the end of this event-loop turn, if any. */
  private corked: Redis['stream'] | null = null;
  /** The command and socket time-outs (not ioredis's: see RedisWatchdog). */
  private readonly watchdog = new RedisWatchdog(this, {
    commandTimeoutMs: REDIS_COMMAND_TIMEOUT_MS,
    socketTimeoutMs: REDIS_SOCKET_TIMEOUT_MS,
  });

  /**
   * Commands sent during one turn of the event loop leave in one write
   * (one system call) instead of one each: the socket is corked at the
   * turn's first command and uncorked when the turn's I/O is done
   * (docs/performance.md "Commands written together"). Order, answers and
   * errors stay per command: ioredis queues each as before, only the
   * bytes wait. ioredis's own auto-pipelining would do this but crashes
   * with the offline queue off (ioredis 6.0.0, same section).
   */
  override sendCommand(...[command, stream]: Parameters<Redis['sendCommand']>): unknown {
    const socket = this.stream;
    if (!stream && this.status === 'ready' && socket && this.corked !== socket) {
      socket.cork();
      this.corked = socket;
      setImmediate(() => {
        if (this.corked === socket) this.corked = null;
        socket.uncork();
      });
    }
    this.watchdog.watch(command);
    return super.sendCommand(command, stream);
  }

  override disconnect(reconnect?: boolean): void {
    if (!reconnect) this.watchdog.stop();
    super.disconnect(reconnect);
  }

  override duplicate(override?: Partial<ClientOptions>): Redis {
    const reader = super.duplicate({ ...READER_OPTIONS, ...override });
    reader.on('error', () => undefined);
    this.readers.add(reader);
    reader.once('end', () => this.readers.delete(reader));
    return reader;
  }
}

/** One node's connection to Redis, its up/down status and its health probe. */
export class RedisConnection {
  private readonly logger = new Logger('Redis');
  readonly client: CommandRedis;
  private readonly status = new BehaviorSubject<RedisStatus>('down');
  private closed = false;

  constructor(url: string, name = 'puente-gateway') {
    this.client = new CommandRedis(url, commandClientOptions(name));
    this.client.on('ready', () => this.set('up'));
    this.client.on('close', () => this.set('down'));
    this.client.on('end', () => this.set('down'));
    // Without a listener ioredis reports every failed reconnect as an unhandled error.
    this.client.on('error', (error: Error) => this.logger.debug?.(`Redis: ${error.message}`));
  }

  /** 'up' once the connection is ready, 'down' whenever it is lost; repeats only on change. */
  get status$(): Observable<RedisStatus> {
    return this.status.pipe(distinctUntilChanged());
  }

  get isUp(): boolean {
    return this.status.value === 'up';
  }

  /** A reader connection (blocking reads, subscriptions), closed with this one. */
  reader(name: string): Redis {
    return this.client.duplicate({ connectionName: name });
  }

  /** The /health/ready probe: a PING, rejected with the reason while Redis is unreachable. */
  async ping(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    try {
      const answer = await this.client.ping();
      if (answer !== 'PONG') throw new Error(`unexpected PING answer ${answer}`);
    } catch (error) {
      throw new RedisUnavailableError(error);
    }
  }

  /** Resolves once ready, rejects with RedisUnavailableError after `timeoutMs`; for start-up and tests. */
  async whenUp(timeoutMs = 10_000): Promise<void> {
    try {
      await firstValueFrom(
        this.status.pipe(
          filter((status) => status === 'up'),
          timeout(timeoutMs),
        ),
      );
    } catch {
      throw new RedisUnavailableError(new Error(`not ready within ${timeoutMs} ms`));
    }
  }

  /** After the socket.io server is closed: its adapter stops reading once its readers are gone. */
  close(): void {
    this.closed = true;
    for (const reader of this.client.readers) reader.disconnect();
    this.client.disconnect();
    this.set('down');
    this.status.complete();
  }

  private set(next: RedisStatus): void {
    if (this.status.closed || this.status.value === next) return;
    if (next === 'up') this.logger.log('Redis connection ready');
    // Closed on purpose (the node is stopping): nothing was lost, nothing reconnects.
    else if (!this.closed) this.logger.warn('Redis connection lost; reconnecting');
    this.status.next(next);
  }
}

/**
 * REDIS: a RedisConnection when REDIS_URL is set, null otherwise. Everything
 * that uses it is made after it is ready, or after REDIS_START_WAIT_MS: a
 * node whose port opened first answered a balancer's first requests 503
 * REDIS_UNAVAILABLE during a rolling restart (docs/operations.md). Past the
 * wait it starts all the same (not ready, commands refused with the code) and
 * carries on once Redis answers.
 */
export const redisProvider: Provider = {
  provide: REDIS,
  inject: [GATEWAY_CONFIG],
  useFactory: async (config: GatewayConfig): Promise<RedisConnection | null> => {
    if (!config.REDIS_URL) return null;
    const connection = new RedisConnection(config.REDIS_URL);
    await connection
      .whenUp(config.REDIS_START_WAIT_MS)
      .catch(() =>
        new Logger('Redis').warn(
          `Redis not ready within REDIS_START_WAIT_MS (${config.REDIS_START_WAIT_MS} ms): starting without it; not ready until it answers`,
        ),
      );
    return connection;
  },
};
