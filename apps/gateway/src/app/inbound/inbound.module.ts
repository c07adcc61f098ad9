import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CrmModule } from '../crm/crm.module';
import { DialerModule } from '../dialer/dialer.module';
import { missedCallsCursorStoreProvider } from './missed-calls-cursor.provider';
import { DEFAULT_INBOUND_OPTIONS, INBOUND_OPTIONS, MissedCallsService } from './missed-calls.service';

/**
 * Inbound calls beyond the IVR endpoint (issue 6, D4): the missed-call Tasks.
 * Owner routing and the blacklist happen in the dialer, per queue.
 */
@Module({
  imports: [AuthModule, DialerModule, CrmModule],
  providers: [
    { provide: INBOUND_OPTIONS, useValue: DEFAULT_INBOUND_OPTIONS },
    missedCallsCursorStoreProvider,
    MissedCallsService,
  ],
  exports: [MissedCallsService],
})
export class InboundModule {}
