import { DOCUMENT, DestroyRef, Injectable, inject, signal } from '@angular/core';
import {
  type AgentEvent,
  AgentEventSchema,
  type AgentServerToClientEvents,
  type ResumeResult,
  SOCKET_NAMESPACES,
} from '@puente/contracts';
import type { Socket } from 'socket.io-client';
import { GatewaySockets } from '../connection/socket-factory';
import { Clock } from '../core/clock.service';
import { jittered } from '../core/jitter.util';
import { AuthTokens } from '../session/auth-tokens.service';
import { AgentStore } from './agent.store';

export type LinkStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline';
export type SessionEndReason = Parameters<AgentServerToClientEvents['session.ended']>[0]['reason'];

/** How long the gateway has to answer `resume` before the panel asks again. */
export const RESUME_TIMEOUT_MS = 5000;

/**
 * The agent's live link (/agents): authenticated with the current access
 * token at every handshake, it resumes from the last applied seq on every
 * (re)connect, holds live events back until the catch-up is applied, asks
 * again when it sees a gap, and reports when the session ends elsewhere.
 */
@Injectable({ providedIn: 'root' })
export class AgentLink {
  private readonly sockets = inject(GatewaySockets);
  private readonly tokens = inject(AuthTokens);
  private readonly store = inject(AgentStore);
  private readonly clock = inject(Clock);
  private readonly window = inject(DOCUMENT).defaultView;
  private socket: Socket | undefined;
  private resuming = false;
  private pending: AgentEvent[] = [];
  private endedCallback: (reason: SessionEndReason) => void = () => undefined;

  readonly status = signal<LinkStatus>('idle');
  readonly attempt = signal(0);

  constructor() {
    const offline = () => this.socket && this.status.set('offline');
    const online = () => this.socket && this.status() === 'offline' && this.status.set('reconnecting');
    this.window?.addEventListener('offline', offline);
    this.window?.addEventListener('online', online);
    inject(DestroyRef).onDestroy(() => {
      this.window?.removeEventListener('offline', offline);
      this.window?.removeEventListener('online', online);
      this.disconnect();
    });
  }

  whenSessionEnds(callback: (reason: SessionEndReason) => void): void {
    this.endedCallback = callback;
  }

  connect(): void {
    if (this.socket) return;
    this.status.set('connecting');
    this.attempt.set(0);
    const socket = this.sockets.open(SOCKET_NAMESPACES.agents, { authenticated: true });
    this.socket = socket;
    socket.on('connect', () => {
      this.status.set('connected');
      this.attempt.set(0);
      this.resume();
    });
    socket.on('disconnect', (reason: string) => {
      if (this.socket !== socket) return;
      this.status.set(this.isOffline() ? 'offline' : 'reconnecting');
      // The server closed it (session ended, or a restart): socket.io does not come back on its own.
      if (reason === 'io server disconnect')
        setTimeout(() => this.socket === socket && socket.connect(), jittered(500));
    });
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      if (this.socket !== socket) return;
      this.status.set(this.isOffline() ? 'offline' : 'reconnecting');
      const code = error.data?.code ?? error.message;
      if (code === 'UNAUTHENTICATED') void this.reauthenticate(socket);
      // Any other refusal by the gateway (REDIS_UNAVAILABLE: a cluster node without its Redis)
      // stops socket.io's own retries: try again, on this node or another, as after a drop.
      else if (!socket.active)
        setTimeout(() => this.socket === socket && !socket.connected && socket.connect(), jittered(1000));
    });
    socket.io.on('reconnect_attempt', (attempt: number) => {
      this.attempt.set(attempt);
      this.status.set(this.isOffline() ? 'offline' : 'reconnecting');
    });
    socket.on('event', (raw: unknown) => this.onEvent(raw));
    socket.on('session.ended', (info: { reason: SessionEndReason }) => {
      if (this.socket === socket) this.endedCallback(info?.reason ?? 'expired');
    });
  }

  disconnect(): void {
    const socket = this.socket;
    this.socket = undefined;
    this.pending = [];
    this.resuming = false;
    this.status.set('idle');
    this.attempt.set(0);
    socket?.close();
  }

  /** Catch up from the last applied seq; live events wait until the answer is applied. */
  private resume(): void {
    const socket = this.socket;
    if (!socket || this.resuming) return;
    this.resuming = true;
    socket
      .timeout(RESUME_TIMEOUT_MS)
      .emit('resume', { lastSeq: this.store.seq() }, (error: Error | null, result: ResumeResult) => {
        if (this.socket !== socket) return;
        this.resuming = false;
        if (error || !result) {
          if (socket.connected) this.resume();
          return;
        }
        this.store.applyResume(result);
        const held = this.pending.sort((a, b) => a.seq - b.seq);
        this.pending = [];
        for (const event of held) this.applyLive(event);
      });
  }

  private onEvent(raw: unknown): void {
    const parsed = AgentEventSchema.safeParse(raw);
    if (!parsed.success) return;
    const event = parsed.data;
    this.clock.observeServerTime(event.at);
    if (this.resuming) this.pending.push(event);
    else this.applyLive(event);
  }

  private applyLive(event: AgentEvent): void {
    if (event.seq > this.store.seq() + 1) {
      // A gap: something was missed; the gateway replays it (and this event) on resume.
      this.pending.push(event);
      this.resume();
      return;
    }
    this.store.apply(event);
  }

  private async reauthenticate(socket: Socket): Promise<void> {
    const outcome = await this.tokens.refresh();
    if (this.socket !== socket) return;
    if (outcome === 'ended') this.endedCallback('expired');
    else setTimeout(() => this.socket === socket && !socket.connected && socket.connect(), jittered(1000));
  }

  private isOffline(): boolean {
    return this.window?.navigator.onLine === false;
  }
}
