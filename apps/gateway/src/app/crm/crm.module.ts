import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { DialerModule } from '../dialer/dialer.module';
import { EventsModule } from '../events/events.module';
import { CallJournalService } from './call-journal.service';
import { ClickToDialService } from './click-to-dial.service';
import { CrmController } from './crm.controller';
import { CRM } from './crm.port';
import { JsforceCrmAdapter } from './jsforce-crm.adapter';
import { DispositionNames } from './journal/disposition-names';
import { OutboxWorker } from './outbox/outbox.worker';
import { ScreenPopService } from './screen-pop.service';
import { UserDirectory } from './user-directory.service';

@Module({
  imports: [AuthModule, DialerModule, EventsModule],
  controllers: [CrmController],
  providers: [
    {
      provide: CRM,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig) =>
        new JsforceCrmAdapter({
          auth: {
            flow: config.SALESFORCE_AUTH,
            loginUrl: config.SALESFORCE_URL,
            clientId: config.SALESFORCE_CLIENT_ID,
            clientSecret: config.SALESFORCE_CLIENT_SECRET || undefined,
            username: config.SALESFORCE_USERNAME || undefined,
            password: config.SALESFORCE_PASSWORD || undefined,
            jwtKeyFile: config.SALESFORCE_JWT_KEY_FILE || undefined,
          },
          apiVersion: config.SALESFORCE_API_VERSION,
          timeoutMs: config.SALESFORCE_TIMEOUT_MS,
        }),
    },
    OutboxWorker,
    UserDirectory,
    ScreenPopService,
    CallJournalService,
    DispositionNames,
    ClickToDialService,
  ],
  exports: [CRM, ClickToDialService, OutboxWorker, UserDirectory, CallJournalService],
})
export class CrmModule {}
