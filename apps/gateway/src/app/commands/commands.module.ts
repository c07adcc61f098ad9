import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuthModule } from '../auth/auth.module';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { DialerModule } from '../dialer/dialer.module';
import { EventsModule } from '../events/events.module';
import { AgentController } from './agent.controller';
import { AutoReleaseService } from './auto-release.service';
import { CALL_CENTER_OPTIONS, type CallCenterOptions } from './call-center-options';
import { CallsController } from './calls.controller';
import { CampaignsController } from './campaigns.controller';
import { ContactsController } from './contacts.controller';
import { DialerCommands } from './dialer-commands.service';
import { DirectoryController } from './directory.controller';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { PanelController } from './panel.controller';
import { TasksController } from './tasks.controller';

@Module({
  imports: [AuthModule, DialerModule, EventsModule],
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
    AutoReleaseService,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
    {
      provide: CALL_CENTER_OPTIONS,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig): CallCenterOptions => ({
        allowCategorization: true,
        allowContactRelease: config.ALLOW_CONTACT_RELEASE,
        automaticContactRelease: config.AUTOMATIC_CONTACT_RELEASE_SECONDS,
        allowClickToDialSearch: true,
        useTaskDescriptionField: true,
        allowTextMessage: false,
        softphoneWidth: 620,
        softphoneHeight: 420,
      }),
    },
  ],
  exports: [DialerCommands],
})
export class CommandsModule {}
