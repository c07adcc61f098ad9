import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import {
  applyBoardDelta,
  type BoardSnapshot,
  BoardDeltaSchema,
  BoardSnapshotSchema,
  FiguresSnapshotSchema,
  HelpRequestSchema,
  type MonitorMode,
  type MonitorResult,
  MonitorResultSchema,
  type Monitoring,
  type ScopeFigures,
  SOCKET_NAMESPACES,
} from '@puente/contracts';
import type { Socket } from 'socket.io-client';
import { ApiClient } from '../../api/api-client.service';
import { GatewaySockets } from '../../connection/socket-factory';
import { Clock } from '../../core/clock.service';
import { jittered } from '../../core/jitter.util';
import { Notifier } from '../../core/notifier.service';
import { AuthTokens } from '../../session/auth-tokens.service';
import { AgentStore } from '../../state/agent.store';
import { mergeFigures } from './board.util';

export type BoardLinkStatus = 'connecting' | 'live' | 'reconnecting' | 'forbidden';

/** How long a command's answer outranks the board (the board shows it within a tick, 150 ms). */
const TRUST_COMMAND_MS = 3000;

const EMPTY: BoardSnapshot = {
  version: 0,
  serverTime: new Date(0).toISOString(),
  scope: { all: false, campaignIds: [], queueIds: [] },
  rows: [],
};

/**
 * The supervisor's live board (E1, E3): the `/supervisors` namespace gives a
 * snapshot on every (re)connect and then deltas, folded with the contract's
 * `applyBoardDelta`, so a reconnect can never leave gaps. Provided by the
 * board view: it connects while the board is open and closes with it.
 * Monitoring commands (E2) go over REST with an Idempotency-Key.
 */
@Injectable()
export class BoardStore {
  private readonly sockets = inject(GatewaySockets);
  private readonly tokens = inject(AuthTokens);
  private readonly clock = inject(Clock);
  private readonly api = inject(ApiClient);
  private readonly notifier = inject(Notifier);
  private readonly agent = inject(AgentStore);
  private socket: Socket | undefined;

  private readonly board = signal<BoardSnapshot>(EMPTY);
  private readonly figureList = signal<ScopeFigures[]>([]);
  /** The answer of the last monitor command, trusted until the board has had time to show it. */
  private readonly commanded = signal<{ monitoring: Monitoring | null; at: number } | null>(null);

  readonly status = signal<BoardLinkStatus>('connecting');
  /** True once the first snapshot arrived (an empty board is then really empty). */
  readonly loaded = signal(false);
  readonly rows = computed(() => this.board().rows);
  readonly scope = computed(() => this.board().scope);
  readonly figures = this.figureList.asReadonly();

  /**
   * Whom this supervisor monitors now: a command's answer for a few seconds
   * (fresher than the board, which follows within a tick), then the board's
   * `monitoredBy`, else their own agent state (`monitoring.started` on
   * /agents) for a target the board does not show.
   */
  readonly monitoring = computed<Monitoring | null>(() => {
    const commanded = this.commanded();
    if (commanded && this.clock.now() - commanded.at < TRUST_COMMAND_MS) return commanded.monitoring;
    const me = this.tokens.agent()?.agentId;
    const rows = this.board().rows;
    const row = rows.find((r) => r.monitoredBy && r.monitoredBy.supervisorId === me);
    if (row?.monitoredBy) return { targetAgentId: row.agentId, mode: row.monitoredBy.mode };
    const own = this.agent.state().monitoring;
    return own && !rows.some((r) => r.agentId === own.targetAgentId) ? own : null;
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.disconnect());
  }

  connect(): void {
    if (this.socket) return;
    this.status.set('connecting');
    const socket = this.sockets.open(SOCKET_NAMESPACES.supervisors, { authenticated: true });
    this.socket = socket;
    socket.on('connect', () => this.status.set('live'));
    socket.on('disconnect', (reason: string) => {
      if (this.socket !== socket) return;
      this.status.set('reconnecting');
      // A server-side close does not reconnect on its own; the snapshot on reconnect repairs the board.
      if (reason === 'io server disconnect')
        setTimeout(() => this.socket === socket && socket.connect(), jittered(1000));
    });
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      if (this.socket !== socket) return;
      const code = error.data?.code ?? error.message;
      if (code === 'FORBIDDEN') {
        // Not a supervisor: the gateway will refuse every retry, so stop asking.
        this.status.set('forbidden');
        socket.close();
        return;
      }
      this.status.set('reconnecting');
      if (code === 'UNAUTHENTICATED') void this.reauthenticate(socket);
      // Any other refusal (REDIS_UNAVAILABLE: a cluster node without its Redis, which also closes the
      // connection) stops socket.io's own retries: try again, on that node or another, as after a drop.
      else if (!socket.active)
        setTimeout(() => this.socket === socket && !socket.connected && socket.connect(), jittered(1000));
    });
    socket.on('board.snapshot', (raw: unknown) => this.onSnapshot(raw));
    socket.on('board.delta', (raw: unknown) => {
      const parsed = BoardDeltaSchema.safeParse(raw);
      if (parsed.success) this.board.update((b) => applyBoardDelta(b, parsed.data));
    });
    // An agent asks for help (issue 16 §3): said at once; the row keeps its flag until answered.
    socket.on('help.requested', (raw: unknown) => {
      const parsed = HelpRequestSchema.safeParse(raw);
      if (parsed.success)
        this.notifier.info('supervisor.helpRequested', {
          who: parsed.data.displayName || parsed.data.user,
          reason: parsed.data.reason,
        });
    });
    socket.on('figures', (raw: unknown) => {
      const parsed = FiguresSnapshotSchema.safeParse(raw);
      if (parsed.success) this.figureList.update((list) => mergeFigures(list, parsed.data));
    });
  }

  disconnect(): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.close();
  }

  /** Listen, Assist or Barge: starts monitoring, or switches mode without dropping (same agent). */
  async monitor(agentId: string, mode: MonitorMode): Promise<void> {
    const result = await this.notifier.run('supervisor.monitor', () =>
      this.api.command<MonitorResult>(`/supervision/agents/${encodeURIComponent(agentId)}/monitor`, { mode }),
    );
    if (result) this.remember(result);
  }

  /** Fin: stops monitoring whoever it is. */
  async end(): Promise<void> {
    const result = await this.notifier.run('supervisor.monitor', () =>
      this.api.command<MonitorResult>('/supervision/monitor/end', {}),
    );
    if (result) this.remember(result);
  }

  busy(): boolean {
    return this.notifier.pending('supervisor.monitor');
  }

  private remember(result: MonitorResult): void {
    this.commanded.set({ monitoring: MonitorResultSchema.parse(result).monitoring, at: this.clock.now() });
  }

  private onSnapshot(raw: unknown): void {
    const parsed = BoardSnapshotSchema.safeParse(raw);
    if (!parsed.success) return;
    // Time in state counts from the gateway's clock, whatever the browser's says.
    this.clock.observeServerTime(parsed.data.serverTime);
    this.board.set(parsed.data);
    this.loaded.set(true);
  }

  private async reauthenticate(socket: Socket): Promise<void> {
    const outcome = await this.tokens.refresh();
    if (this.socket === socket && outcome !== 'ended')
      setTimeout(() => this.socket === socket && !socket.connected && socket.connect(), jittered(1000));
  }
}
