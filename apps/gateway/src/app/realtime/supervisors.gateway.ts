import { Inject, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  ConnectedSocket,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import {
  type BoardScope,
  type BoardSnapshot,
  SOCKET_NAMESPACES,
  type SupervisorClientToServerEvents,
  type SupervisorServerToClientEvents,
} from '@puente/contracts';
import { Gauge } from 'prom-client';
import type { Subscription } from 'rxjs';
import type { Namespace, Socket } from 'socket.io';
import { SessionService } from '../auth/session.service';
import { AgentStreams } from '../events/agent-streams.service';
import { REDIS, type RedisConnection } from '../cluster/redis.provider';
import { closeVanishedSessions, releaseSocketsWithoutRedis } from './redis-loss';
import { closeEndedSessions, guardHandshake, requireRole, sessionRoom } from './socket-auth';
import { MetricsService } from '../metrics/metrics.service';
import { ALL_ROOM, roomsOfRow, roomsOfScope } from '../supervision/board-row';
import { BoardService } from '../supervision/board.service';
import { FiguresService } from '../supervision/figures.service';
import { SupervisorScopes } from '../supervision/supervisor-scopes.service';

interface SocketData {
  supervisorId: string;
  sessionId: string;
  scope: BoardScope;
}
type SupervisorSocket = Socket<
  SupervisorClientToServerEvents,
  SupervisorServerToClientEvents,
  Record<string, never>,
  SocketData
>;
type SupervisorNamespace = Namespace<
  SupervisorClientToServerEvents,
  SupervisorServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/**
 * The supervisors' namespace (issue 8 §4). The handshake needs an access
 * token of a supervisor or admin session (an agent gets connect_error
 * FORBIDDEN). A socket joins one room per campaign and queue of its scope
 * (admins: one room for all) and gets its snapshot in the same tick, so the
 * next delta is the first it misses nothing after. Each delta is emitted
 * once per group of rooms: socket.io serializes it once and writes it to
 * every socket in those rooms, at most once each.
 */
@WebSocketGateway({ namespace: SOCKET_NAMESPACES.supervisors })
export class SupervisorsGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleInit, OnModuleDestroy
{
  private readonly logger = new Logger('SupervisorsGateway');
  @WebSocketServer() private readonly namespace!: SupervisorNamespace;
  private readonly subscriptions: Subscription[] = [];
  private readonly connected: Gauge;

  constructor(
    private readonly sessions: SessionService,
    private readonly scopes: SupervisorScopes,
    private readonly board: BoardService,
    private readonly figures: FiguresService,
    private readonly streams: AgentStreams,
    metrics: MetricsService,
    @Inject(REDIS) private readonly redis: RedisConnection | null,
  ) {
    this.connected = new Gauge({
      name: 'puente_connected_supervisors',
      help: 'Sockets open on the /supervisors namespace',
      registers: [metrics.registry],
    });
  }

  afterInit(namespace: SupervisorNamespace): void {
    guardHandshake(namespace, this.sessions, async (session) => {
      requireRole(session, ['supervisor', 'admin'], 'Only supervisor or admin users may open the board.');
      return {
        supervisorId: session.agentId,
        sessionId: session.sessionId,
        scope: await this.scopes.of(session),
      };
    });
  }

  onModuleInit(): void {
    this.subscriptions.push(
      // Board and figures are computed on every node (issue 18 §2) and sent to this node's sockets only
      // (`local`): through the Redis adapter every node's deltas would reach every supervisor twice,
      // with versions of two different boards. A node's board shows the agents whose events it
      // follows, as its figures count them, until the event log is shared.
      this.board.broadcasts.subscribe((messages) => {
        for (const { rooms, except, delta } of messages)
          this.namespace?.local.to(rooms).except(except).emit('board.delta', delta);
      }),
      // A request for help is a notification to the supervisors whose board holds the agent.
      this.streams.published.subscribe((event) => {
        if (event.type !== 'agent.help_requested') return;
        const row = this.board.current(event.agentId);
        if (!row) return;
        this.namespace?.to([...roomsOfRow(row), ALL_ROOM]).emit('help.requested', {
          agentId: row.agentId,
          user: row.user,
          displayName: row.displayName,
          callId: event.payload.callId,
          reason: event.payload.reason,
          at: event.at,
        });
      }),
      this.figures.updates.subscribe((updates) => {
        for (const u of updates) this.namespace?.local.to([u.room, ALL_ROOM]).emit('figures', u.figures);
      }),
      closeEndedSessions(() => this.namespace, this.sessions),
      releaseSocketsWithoutRedis(() => this.namespace, this.redis, this.logger),
      closeVanishedSessions(() => this.namespace, this.sessions, this.redis, this.logger),
    );
  }

  onModuleDestroy(): void {
    for (const s of this.subscriptions) s.unsubscribe();
  }

  handleConnection(socket: SupervisorSocket): void {
    const { scope, sessionId } = socket.data;
    void socket.join([sessionRoom(sessionId), ...roomsOfScope(scope)]);
    socket.emit('board.snapshot', this.board.snapshot(scope));
    socket.emit('figures', this.figures.snapshot(scope));
    this.connected.inc();
  }

  handleDisconnect(): void {
    this.connected.dec();
  }

  @SubscribeMessage('board.sync')
  sync(@ConnectedSocket() socket: SupervisorSocket): BoardSnapshot {
    return this.board.snapshot(socket.data.scope);
  }
}
