import { Module } from '@nestjs/common';
import { REDIS, type RedisConnection } from '../cluster/redis.provider';
import { SqliteStorage } from '../store/sqlite-storage';
import { AuthModule } from '../auth/auth.module';
import { DialerModule } from '../dialer/dialer.module';
import { EventsModule } from '../events/events.module';
import { CallJournalService } from './call-journal.service';
import { ClickToDialService } from './click-to-dial.service';
import { CrmController } from './crm.controller';
import { CRM } from './crm.port';
import { JsforceCrmAdapter } from './jsforce-crm.adapter';
import { CallJournalRepository } from './journal/call-journal.repository';
import { DispositionNames } from './journal/disposition-names';
import { RedisCallJournalRepository } from './journal/redis-call-journal.repository';
import { SqliteCallJournalRepository } from './journal/sqlite-call-journal.repository';
import { outboxOptionsProvider, outboxRepositoryProvider } from './outbox/outbox.provider';
import { OutboxWorker } from './outbox/outbox.worker';
import { OrgPhoneSearch } from './salesforce/org-phone-search';
import { SalesforceConnection } from './salesforce/salesforce-connection';
import { SalesforceModule } from './salesforce/salesforce.module';
import { RecordLinkService } from './record-link.service';
import { ScreenPopService } from './screen-pop.service';
import { UserDirectory } from './user-directory.service';

@Module({
  imports: [AuthModule, DialerModule, EventsModule, SalesforceModule],
  controllers: [CrmController],
  providers: [
    {
      provide: CRM,
      inject: [SalesforceConnection, OrgPhoneSearch],
      useFactory: (connection: SalesforceConnection, phoneSearch: OrgPhoneSearch) =>
        new JsforceCrmAdapter({ connection, phoneSearch }),
    },
    outboxOptionsProvider,
    outboxRepositoryProvider,
    {
      // With REDIS_URL shared: the node serving the agent at the release finishes the Task, whoever journaled it.
      provide: CallJournalRepository,
      inject: [SqliteStorage, REDIS],
      useFactory: (storage: SqliteStorage, redis: RedisConnection | null) =>
        redis ? new RedisCallJournalRepository(redis.client) : new SqliteCallJournalRepository(storage),
    },
    OutboxWorker,
    UserDirectory,
    ScreenPopService,
    CallJournalService,
    DispositionNames,
    ClickToDialService,
    RecordLinkService,
  ],
  exports: [CRM, ClickToDialService, OutboxWorker, UserDirectory, CallJournalService],
})
export class CrmModule {}
