import { Module } from '@nestjs/common';
import { DialerModule } from '../dialer/dialer.module';
import { AgentStreams } from './agent-streams.service';
import { DialerStatusBroadcaster } from './dialer-status-broadcaster';
import { DialerSubscriptions } from './dialer-subscriptions.service';

@Module({
  imports: [DialerModule],
  providers: [AgentStreams, DialerSubscriptions, DialerStatusBroadcaster],
  exports: [AgentStreams, DialerSubscriptions],
})
export class EventsModule {}
