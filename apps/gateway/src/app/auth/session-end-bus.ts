import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { Subject } from 'rxjs';
import { onRedis } from '../cluster/redis-command';
import type { RedisConnection } from '../cluster/redis.provider';

export type EndReason = 'logout' | 'replaced' | 'expired' | 'forced';

/** A session ended on some node, as told to the others. */
export interface SessionEndNotice {
  sessionId: string;
  agentId: string;
  reason: EndReason;
  /** Whether agent.logged_out goes into the agent's stream (by the node holding the agent). */
  announce: boolean;
}

const CHANNEL = 'puente:session-ended';

/**
 * Tells every node that a session ended (issue 18 §2), so that each one
 * fires SessionService.ended (its sockets of that session close, what it
 * kept for the session goes) and the node holding the agent stops its
 * dialer subscription. Redis pub/sub: a node that misses a notice (Redis
 * away at that moment) still refuses the session, since it reads every
 * session through Redis; its sockets of that session are closed when Redis
 * returns (realtime/redis-loss.ts, closeVanishedSessions).
 */
export class SessionEndBus {
  private readonly logger = new Logger('Sessions');
  private readonly node = randomUUID();
  private reader: Redis | undefined;
  /** Ends announced by the other nodes. */
  readonly remote = new Subject<SessionEndNotice>();

  constructor(private readonly redis: RedisConnection | null) {}

  start(): void {
    if (!this.redis || this.reader) return;
    this.reader = this.redis.reader('puente-session-ends');
    this.reader.on('message', (channel: string, text: string) => {
      if (channel !== CHANNEL) return;
      try {
        const { from, ...notice } = JSON.parse(text) as SessionEndNotice & { from: string };
        if (from !== this.node) this.remote.next(notice);
      } catch (error) {
        this.logger.warn({ err: error, msg: 'unreadable session-end notice' });
      }
    });
    this.reader.subscribe(CHANNEL).catch((error: unknown) => {
      this.logger.warn({ err: error, msg: 'could not subscribe to session ends' });
    });
  }

  async publish(notice: SessionEndNotice): Promise<void> {
    const redis = this.redis;
    if (!redis) return;
    await onRedis(() => redis.client.publish(CHANNEL, JSON.stringify({ ...notice, from: this.node })));
  }

  stop(): void {
    this.reader?.disconnect();
    this.reader = undefined;
    this.remote.complete();
  }
}
