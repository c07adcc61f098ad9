import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  type MonitorAction,
  type MonitorAuditEntry,
  type Monitoring,
  type MonitorMode,
  type MonitorResult,
  rowInScope,
} from '@puente/contracts';
import type { Subscription } from 'rxjs';
import { DialerCommands } from '../commands/dialer-commands.service';
import { toApiError } from '../dialer/dialer-errors';
import { DIALER, type Dialer } from '../dialer/dialer.port';
import { AgentStreams } from '../events/agent-streams.service';
import { ApiError } from '../http/api-error';
import type { Principal } from '../auth/principal';
import { BoardService } from './board.service';
import { MonitorAuditRepository } from './monitor-audit.repository';
import { SupervisorScopes } from './supervisor-scopes.service';
import { SessionService } from '../auth/session.service';

/**
 * Listen, assist (whisper), barge and end (E2), with the authority rules of
 * E4 checked here against the board and the supervisor's scope (the role
 * itself is checked by @Roles before we get here), and every action audited,
 * allowed or refused.
 */
@Injectable()
export class MonitorService implements OnModuleInit, OnModuleDestroy {
  /** What each supervisor monitors, as the gateway last learned it (command answers and dialer events). */
  private readonly active = new Map<string, Monitoring | null>();
  private subscription: Subscription | undefined;
  private readonly logger = new Logger('MonitorAudit');

  constructor(
    private readonly commands: DialerCommands,
    @Inject(DIALER) private readonly dialer: Dialer,
    private readonly streams: AgentStreams,
    private readonly board: BoardService,
    private readonly scopes: SupervisorScopes,
    private readonly audit: MonitorAuditRepository,
    private readonly sessions: SessionService,
  ) {}

  onModuleInit(): void {
    // Every node: a supervisor's next monitoring request may come to any of them.
    this.subscription = this.streams.observed.subscribe((event) => {
      if (event.type === 'monitoring.started') this.active.set(event.agentId, event.payload);
      if (
        event.type === 'monitoring.ended' &&
        this.current(event.agentId)?.targetAgentId === event.payload.targetAgentId
      )
        this.active.set(event.agentId, null);
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  current(supervisorId: string): Monitoring | null {
    return this.active.has(supervisorId)
      ? (this.active.get(supervisorId) ?? null)
      : this.streams.state(supervisorId).monitoring;
  }

  /** Starts monitoring `targetAgentId` in `mode`, or switches mode when already monitoring them. */
  async monitor(session: Principal, targetAgentId: string, mode: MonitorMode): Promise<MonitorResult> {
    const current = this.current(session.agentId);
    const action: MonitorAction = current?.targetAgentId === targetAgentId ? 'switch' : 'start';
    if (current && action === 'switch' && current.mode === mode)
      return { action: 'none', monitoring: current };
    try {
      await this.authorize(session, targetAgentId, action);
      if (action === 'switch') {
        await this.commands.as(session).monitorMode(mode);
      } else {
        // Picking another agent ends the current monitoring first (Fin, then the new one), both audited.
        if (current) await this.endPrevious(session, current);
        await this.commands.as(session).startMonitoring(targetAgentId, mode);
      }
    } catch (error) {
      await this.record(session, targetAgentId, action, mode, error);
      throw error;
    }
    const monitoring = { targetAgentId, mode };
    this.active.set(session.agentId, monitoring);
    this.board.noteMonitoring(targetAgentId, { supervisorId: session.agentId, mode });
    await this.record(session, targetAgentId, action, mode);
    return { action, monitoring };
  }

  /** Fin: stops monitoring. Nothing to end is not an error (the panel may be a step behind). */
  async end(session: Principal): Promise<MonitorResult> {
    const current = this.current(session.agentId);
    try {
      await this.commands.as(session).endMonitoring();
    } catch (error) {
      const nothingToEnd =
        !current &&
        error instanceof ApiError &&
        (error.code === 'INVALID_STATE' || error.code === 'NOT_FOUND');
      if (nothingToEnd) return { action: 'none', monitoring: null };
      if (current) await this.record(session, current.targetAgentId, 'end', current.mode, error);
      throw error;
    }
    this.active.set(session.agentId, null);
    if (!current) return { action: 'none', monitoring: null };
    this.board.noteMonitoring(current.targetAgentId, null);
    await this.record(session, current.targetAgentId, 'end', current.mode);
    return { action: 'end', monitoring: null };
  }

  private async authorize(session: Principal, targetAgentId: string, action: MonitorAction): Promise<void> {
    if (targetAgentId === session.agentId)
      throw new ApiError('INVALID_STATE', 'You cannot monitor yourself.');
    const row = this.board.current(targetAgentId);
    if (!row)
      throw new ApiError('NOT_FOUND', `No agent ${targetAgentId} is logged in.`, { agentId: targetAgentId });
    const scope = await this.scopes.of(session);
    if (!rowInScope(row, scope)) {
      throw new ApiError('FORBIDDEN', `${row.displayName} is not in your campaigns or queues.`, {
        agentId: targetAgentId,
      });
    }
    if (action === 'switch') return;
    if (!row.call || row.call.status === 'ended') {
      throw new ApiError('INVALID_STATE', `${row.displayName} is not on a call.`, { agentId: targetAgentId });
    }
    if (row.monitoredBy && row.monitoredBy.supervisorId !== session.agentId) {
      throw new ApiError('CONFLICT', `${row.displayName} is already monitored by another supervisor.`, {
        agentId: targetAgentId,
        supervisorId: row.monitoredBy.supervisorId,
      });
    }
  }

  /** Without the request's idempotency key: it belongs to the start that follows. */
  private async endPrevious(session: Principal, previous: Monitoring): Promise<void> {
    try {
      await this.dialer.endMonitoring({ session: this.sessions.dialerToken(session) });
    } catch (error) {
      const failure = toApiError(error);
      await this.record(session, previous.targetAgentId, 'end', previous.mode, failure);
      throw failure;
    }
    this.active.set(session.agentId, null);
    this.board.noteMonitoring(previous.targetAgentId, null);
    await this.record(session, previous.targetAgentId, 'end', previous.mode);
  }

  /**
   * Written before the answer goes out. The dialer has acted (or refused) by
   * then: an audit that cannot be written (Redis away) does not change the
   * answer; the entry goes to the error log instead, the trail of last resort.
   */
  private async record(
    session: Principal,
    targetAgentId: string,
    action: MonitorAction,
    mode: MonitorMode | null,
    error?: unknown,
  ): Promise<void> {
    const entry: Omit<MonitorAuditEntry, 'id'> = {
      at: new Date().toISOString(),
      supervisorId: session.agentId,
      supervisorUser: session.user,
      targetAgentId,
      action,
      mode,
      outcome: error === undefined ? 'ok' : error instanceof ApiError ? error.code : 'INTERNAL',
      message: error === undefined ? null : error instanceof Error ? error.message : String(error),
    };
    try {
      await this.audit.record(entry);
    } catch (failure) {
      this.logger.error({ audit: entry, err: failure, msg: 'monitoring audit entry not written' });
    }
  }
}
