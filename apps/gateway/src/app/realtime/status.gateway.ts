import { type OnGatewayConnection, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import {
  SOCKET_NAMESPACES,
  type StatusClientToServerEvents,
  type StatusServerToClientEvents,
} from '@puente/contracts';
import type { Subscription } from 'rxjs';
import type { Namespace, Socket } from 'socket.io';
import { UpstreamHealthService } from '../health/upstream-health.service';

/**
 * Public namespace: every panel learns the gateway's and upstreams' health on
 * connect and again whenever an upstream changes status. It carries nothing
 * about agents, so it needs no token.
 */
@WebSocketGateway({ namespace: SOCKET_NAMESPACES.status })
export class StatusGateway implements OnGatewayConnection, OnModuleInit, OnModuleDestroy {
  @WebSocketServer() private readonly namespace!: Namespace<
    StatusClientToServerEvents,
    StatusServerToClientEvents
  >;
  private subscription: Subscription | undefined;

  constructor(private readonly health: UpstreamHealthService) {}

  onModuleInit(): void {
    this.subscription = this.health.changes.subscribe((snapshot) => this.namespace?.emit('health', snapshot));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  handleConnection(client: Socket<StatusClientToServerEvents, StatusServerToClientEvents>): void {
    client.emit('health', this.health.snapshot());
  }
}
