import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuthModule } from '../auth/auth.module';
import { CrmModule } from '../crm/crm.module';
import { DialerModule } from '../dialer/dialer.module';
import { EventsModule } from '../events/events.module';
import { AgentController } from './agent.controller';
import { AutoReleaseService } from './auto-release.service';
import { CallsController } from './calls.controller';
import { EmptyQueueRule } from './empty-queue-rule';
import { CallTasks } from './call-tasks.service';
import { CampaignsController } from './campaigns.controller';
import { ContactsController } from './contacts.controller';
import { DialerCommands } from './dialer-commands.service';
import { DirectoryController } from './directory.controller';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { PanelController } from './panel.controller';
import { TasksController } from './tasks.controller';
import { idempotencyRepositoryProvider } from './idempotency.provider';

@Module({
  imports: [AuthModule, DialerModule, EventsModule, CrmModule],
  controllers: [
    AgentController,
    CampaignsController,
    CallsController,
    ContactsController,
    DirectoryController,
    TasksController,
    PanelController,
  ],
  providers: [
    DialerCommands,
    EmptyQueueRule,
    CallTasks,
    AutoReleaseService,
    idempotencyRepositoryProvider,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
  exports: [DialerCommands],
})
export class CommandsModule {}
