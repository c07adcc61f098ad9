import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CrmModule } from '../crm/crm.module';
import { DialerModule } from '../dialer/dialer.module';
import { MissedCallsCursorStore } from './missed-calls-cursor.store';
import { DEFAULT_INBOUND_OPTIONS, INBOUND_OPTIONS, MissedCallsService } from './missed-calls.service';
import { SqliteMissedCallsCursorStore } from './sqlite-missed-calls-cursor.store';

/**
 * Inbound calls beyond the IVR endpoint (issue 6, D4): the missed-call Tasks.
 * Owner routing and the blacklist happen in the dialer, per queue.
 */
@Module({
  imports: [AuthModule, DialerModule, CrmModule],
  providers: [
    { provide: INBOUND_OPTIONS, useValue: DEFAULT_INBOUND_OPTIONS },
    { provide: MissedCallsCursorStore, useClass: SqliteMissedCallsCursorStore },
    MissedCallsService,
  ],
  exports: [MissedCallsService],
})
export class InboundModule {}
