import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CommandsModule } from '../commands/commands.module';
import { DialerModule } from '../dialer/dialer.module';
import { EventsModule } from '../events/events.module';
import { BoardService } from './board.service';
import { DialerDirectory } from './dialer-directory.service';
import { FiguresService } from './figures.service';
import { MonitorAuditStore } from './monitor-audit.store';
import { MonitorService } from './monitor.service';
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
    MonitorAuditStore,
    MonitorService,
  ],
  // The /supervisors namespace lives in realtime/ and reads the board, figures and scopes.
  exports: [BoardService, FiguresService, SupervisorScopes],
})
export class SupervisionModule {}
