import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type BoardQuery,
  BoardQuerySchema,
  type BoardSnapshot,
  type FiguresSnapshot,
  type MonitorAuditEntry,
  type MonitorAuditQuery,
  MonitorAuditQuerySchema,
  MonitorEndRequestSchema,
  type MonitorRequest,
  MonitorRequestSchema,
  type MonitorResult,
} from '@puente/contracts';
import { CurrentSession, Roles } from '../auth/auth.decorators';
import { Idempotent } from '../commands/idempotency.interceptor';
import { ValidBody } from '../http/valid-body.decorator';
import { ZodBody } from '../http/zod-body.pipe';
import type { Principal } from '../auth/principal';
import { BoardService } from './board.service';
import { FiguresService } from './figures.service';
import { MonitorAuditRepository } from './monitor-audit.repository';
import { MonitorService } from './monitor.service';
import { SupervisorScopes } from './supervisor-scopes.service';

/**
 * Supervision over REST (issue 8 §5). Supervisors and admins only (E4), the
 * audit for admins only; the live board itself is on the /supervisors
 * socket.io namespace.
 */
@ApiTags('supervision')
@Controller('api/v1/supervision')
@Roles('supervisor', 'admin')
export class SupervisionController {
  constructor(
    private readonly board: BoardService,
    private readonly figures: FiguresService,
    private readonly scopes: SupervisorScopes,
    private readonly monitors: MonitorService,
    private readonly audit: MonitorAuditRepository,
  ) {}

  @Get('board')
  @ApiOperation({
    summary: "The board of the supervisor's campaigns and queues (E1); admins see every agent.",
  })
  async getBoard(
    @CurrentSession() s: Principal,
    @Query(new ZodBody(BoardQuerySchema)) query: BoardQuery,
  ): Promise<BoardSnapshot> {
    const snapshot = this.board.snapshot(await this.scopes.of(s));
    return {
      ...snapshot,
      rows: snapshot.rows.filter(
        (r) =>
          (!query.campaignId || r.campaign?.id === query.campaignId) &&
          (!query.queueId || r.queues.includes(query.queueId)) &&
          (!query.activity || r.activity === query.activity) &&
          (!query.role || r.role === query.role),
      ),
    };
  }

  @Get('figures')
  @ApiOperation({ summary: "Figures of the supervisor's campaigns and queues (E3)." })
  async getFigures(@CurrentSession() s: Principal): Promise<FiguresSnapshot> {
    return this.figures.snapshot(await this.scopes.of(s));
  }

  @Post('agents/:agentId/monitor')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary:
      'Listen, assist or barge into an agent’s call; with the same agent again, switch mode without dropping.',
  })
  monitor(
    @CurrentSession() s: Principal,
    @Param('agentId') agentId: string,
    @ValidBody(MonitorRequestSchema) body: MonitorRequest,
  ): Promise<MonitorResult> {
    return this.monitors.monitor(s, agentId, body.mode);
  }

  @Post('monitor/end')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Stop monitoring (Fin).' })
  endMonitor(
    @CurrentSession() s: Principal,
    @ValidBody(MonitorEndRequestSchema) _body: unknown,
  ): Promise<MonitorResult> {
    return this.monitors.end(s);
  }

  @Get('audit')
  @Roles('admin')
  @ApiOperation({ summary: 'Every monitoring action, newest first (admins only).' })
  async getAudit(@Query(new ZodBody(MonitorAuditQuerySchema)) query: MonitorAuditQuery): Promise<{
    items: MonitorAuditEntry[];
  }> {
    return { items: await this.audit.list(query) };
  }
}
