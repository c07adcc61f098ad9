import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { type GatewayHealth, GatewayHealthSchema, SOCKET_NAMESPACES } from '@puente/contracts';
import type { Socket } from 'socket.io-client';
import { GatewaySockets } from './socket-factory';

/** How long the status link waits before asking again after the gateway closed it. */
const RECONNECT_AFTER_MS = 500;

export type LinkState = 'connecting' | 'connected' | 'disconnected';

/**
 * The panel's link to the gateway's public status namespace: whether the
 * gateway is reachable, and what it says of the dialer and Salesforce.
 */
@Injectable({ providedIn: 'root' })
export class GatewayStatus {
  private readonly sockets = inject(GatewaySockets);
  private socket: Socket | undefined;

  readonly link = signal<LinkState>('connecting');
  readonly reconnectAttempt = signal(0);
  private readonly lastHealth = signal<GatewayHealth | null>(null);

  /** Upstream health is only meaningful while the gateway that reported it is connected. */
  readonly health = computed(() => (this.link() === 'connected' ? this.lastHealth() : null));
  readonly level = computed<'ok' | 'degraded' | 'down'>(() => {
    if (this.link() !== 'connected') return 'down';
    return this.health()?.status === 'ok' ? 'ok' : 'degraded';
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.socket?.close());
  }

  connect(): void {
    if (this.socket) return;
    const socket = this.sockets.open(SOCKET_NAMESPACES.status, { authenticated: false });
    this.socket = socket;
    socket.on('connect', () => {
      this.link.set('connected');
      this.reconnectAttempt.set(0);
    });
    socket.on('disconnect', (reason: string) => {
      this.link.set('disconnected');
      this.lastHealth.set(null);
      // socket.io gives up after the server closed the link (a gateway that ended a session on the
      // shared connection did): ask again, or "Gateway disconnected" stays until a reload (issue 16 §2.6).
      if (reason === 'io server disconnect')
        setTimeout(() => this.socket === socket && !socket.connected && socket.connect(), RECONNECT_AFTER_MS);
    });
    socket.on('connect_error', () => this.link.set('disconnected'));
    socket.io.on('reconnect_attempt', (attempt: number) => this.reconnectAttempt.set(attempt));
    socket.on('health', (raw: unknown) => {
      const parsed = GatewayHealthSchema.safeParse(raw);
      if (parsed.success) this.lastHealth.set(parsed.data);
    });
  }
}
