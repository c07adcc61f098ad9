import { Module } from '@nestjs/common';
import { REDIS, type RedisConnection } from '../cluster/redis.provider';
import { SqliteStorage } from '../store/sqlite-storage';
import { AuthModule } from '../auth/auth.module';
import { CommandsModule } from '../commands/commands.module';
import { DialerModule } from '../dialer/dialer.module';
import { EventsModule } from '../events/events.module';
import { BoardService } from './board.service';
import { DialerDirectory } from './dialer-directory.service';
import { FiguresService } from './figures.service';
import { MonitorAuditRepository } from './monitor-audit.repository';
import { MonitorService } from './monitor.service';
import { RedisMonitorAuditRepository } from './redis-monitor-audit.repository';
import { SqliteMonitorAuditRepository } from './sqlite-monitor-audit.repository';
import { SupervisionController } from './supervision.controller';
import { DEFAULT_SUPERVISION_OPTIONS, SUPERVISION_OPTIONS } from './supervision.options';
import { SupervisorScopes } from './supervisor-scopes.service';

/** Supervision (issue 8): the live board, figures, monitoring and its audit. */
@Module({
  imports: [AuthModule, CommandsModule, DialerModule, EventsModule],
  controllers: [SupervisionController],
  providers: [
    { provide: SUPERVISION_OPTIONS, useValue: DEFAULT_SUPERVISION_OPTIONS },
    DialerDirectory,
    SupervisorScopes,
    BoardService,
    FiguresService,
    {
      // With REDIS_URL one trail for the cluster, whichever node a supervisor acted through.
      provide: MonitorAuditRepository,
      inject: [SqliteStorage, REDIS],
      useFactory: (storage: SqliteStorage, redis: RedisConnection | null) =>
        redis ? new RedisMonitorAuditRepository(redis.client) : new SqliteMonitorAuditRepository(storage),
    },
    MonitorService,
  ],
  // The /supervisors namespace lives in realtime/ and reads the board, figures and scopes.
  exports: [BoardService, FiguresService, SupervisorScopes],
})
export class SupervisionModule {}
