import { Inject, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import {
  type AgentClientToServerEvents,
  type AgentEvent,
  type AgentServerToClientEvents,
  type ResumeResult,
  SOCKET_NAMESPACES,
} from '@puente/contracts';
import type { Subscription } from 'rxjs';
import type { Namespace, Socket } from 'socket.io';
import { z } from 'zod';
import { SessionService } from '../auth/session.service';
import { AgentStreams } from '../events/agent-streams.service';
import { REDIS, type RedisConnection } from '../cluster/redis.provider';
import { closeVanishedSessions, releaseSocketsWithoutRedis } from './redis-loss';
import { closeEndedSessions, guardHandshake, sessionRoom } from './socket-auth';
import { MetricsService } from '../metrics/metrics.service';
import { seqAfter, withHeld } from './resume-answer';

interface SocketData {
  agentId: string;
  sessionId: string;
  /** The last seq this socket was sent (live or in a resume answer): nothing at or below it goes again. */
  sentSeq: number;
  /** Live events held back while the socket's resume answer is read (see withHeld). */
  held?: AgentEvent[];
}
type AgentSocket = Socket<
  AgentClientToServerEvents,
  AgentServerToClientEvents,
  Record<string, never>,
  SocketData
>;
type AgentNamespace = Namespace<
  AgentClientToServerEvents,
  AgentServerToClientEvents,
  Record<string, never>,
  SocketData
>;

const ResumeSchema = z.object({ lastSeq: z.number().int().nonnegative() });
export const agentRoom = (agentId: string) => `agent:${agentId}`;

/**
 * The agents' namespace (DESIGN principle 4 of the blueprint's picture):
 * authenticated at the handshake, one room per agent. A socket joins its
 * room when it resumes; what the node shows while the answer is read is held
 * back and added to the answer, and a socket is never sent a seq twice, so
 * it sees every event exactly once, in order (issue 18 §3).
 */
@WebSocketGateway({ namespace: SOCKET_NAMESPACES.agents })
export class AgentsGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleInit, OnModuleDestroy
{
  private readonly logger = new Logger('AgentsGateway');
  @WebSocketServer() private readonly namespace!: AgentNamespace;
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly sessions: SessionService,
    private readonly streams: AgentStreams,
    private readonly metrics: MetricsService,
    @Inject(REDIS) private readonly redis: RedisConnection | null,
  ) {}

  afterInit(namespace: AgentNamespace): void {
    guardHandshake(namespace, this.sessions, (session) => ({
      agentId: session.agentId,
      sessionId: session.sessionId,
      sentSeq: 0,
    }));
  }

  onModuleInit(): void {
    this.subscriptions.push(
      // Every node sees every event (`observed`) and tells its own sockets only.
      this.streams.observed.subscribe((event) => this.show(event)),
      closeEndedSessions(() => this.namespace, this.sessions),
      releaseSocketsWithoutRedis(() => this.namespace, this.redis, this.logger),
      closeVanishedSessions(() => this.namespace, this.sessions, this.redis, this.logger),
    );
  }

  onModuleDestroy(): void {
    for (const s of this.subscriptions) s.unsubscribe();
  }

  handleConnection(socket: AgentSocket): void {
    void socket.join(sessionRoom(socket.data.sessionId));
    this.metrics.connectedPanels.inc();
  }

  handleDisconnect(): void {
    this.metrics.connectedPanels.dec();
  }

  @SubscribeMessage('resume')
  async resume(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: unknown): Promise<ResumeResult> {
    const parsed = ResumeSchema.safeParse(body);
    const lastSeq = parsed.success ? parsed.data.lastSeq : 0;
    const { agentId } = socket.data;
    // Joined first, live events held: one committed while the answer is read is not missed.
    socket.data.held = [];
    void socket.join(agentRoom(agentId));
    let result: ResumeResult;
    try {
      result = withHeld(await this.streams.resume(agentId, lastSeq), lastSeq, socket.data.held, () =>
        this.streams.state(agentId),
      );
    } finally {
      socket.data.held = undefined;
    }
    socket.data.sentSeq = seqAfter(result, lastSeq);
    if (result.mode === 'snapshot' && lastSeq > 0) {
      this.logger.debug({
        agentId,
        lastSeq,
        msg: 'gap too old to replay: sent a snapshot',
      });
    }
    return result;
  }

  /** Sends an event to this node's sockets of its agent: held while one resumes, never a seq twice. */
  private show(event: AgentEvent): void {
    const room = this.namespace?.adapter.rooms.get(agentRoom(event.agentId));
    if (!room) return;
    for (const id of room) {
      const socket = this.namespace.sockets.get(id);
      if (!socket) continue;
      if (socket.data.held) socket.data.held.push(event);
      else if (event.seq > socket.data.sentSeq) {
        socket.data.sentSeq = event.seq;
        socket.emit('event', event);
      }
    }
  }
}
