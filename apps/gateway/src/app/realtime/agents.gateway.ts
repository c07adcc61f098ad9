import { Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
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
  type AgentServerToClientEvents,
  type ResumeResult,
  SOCKET_NAMESPACES,
} from '@puente/contracts';
import type { Subscription } from 'rxjs';
import type { Namespace, Socket } from 'socket.io';
import { z } from 'zod';
import { SessionService } from '../auth/session.service';
import { AgentStreams } from '../events/agent-streams.service';
import { closeEndedSessions, guardHandshake, sessionRoom } from './socket-auth';
import { MetricsService } from '../metrics/metrics.service';

interface SocketData {
  agentId: string;
  sessionId: string;
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
 * room only when it resumes, in the same tick as its catch-up is computed,
 * so it sees every event exactly once, in order.
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
  ) {}

  afterInit(namespace: AgentNamespace): void {
    guardHandshake(namespace, this.sessions, (session) => ({
      agentId: session.agentId,
      sessionId: session.sessionId,
    }));
  }

  onModuleInit(): void {
    this.subscriptions.push(
      // Every node sees every event (`observed`) and tells its own sockets only.
      this.streams.observed.subscribe((event) =>
        this.namespace?.local.to(agentRoom(event.agentId)).emit('event', event),
      ),
      closeEndedSessions(() => this.namespace, this.sessions),
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
    // Joined first: an event committed while the answer is read arrives live, and the panel
    // holds live events until the answer is applied, so nothing falls between the two.
    void socket.join(agentRoom(socket.data.agentId));
    const result = await this.streams.resume(socket.data.agentId, lastSeq);
    if (result.mode === 'snapshot' && lastSeq > 0) {
      this.logger.debug({
        agentId: socket.data.agentId,
        lastSeq,
        msg: 'gap too old to replay: sent a snapshot',
      });
    }
    return result;
  }
}
