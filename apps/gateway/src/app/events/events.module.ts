import { Module } from '@nestjs/common';
import { DialerModule } from '../dialer/dialer.module';
import { AgentStreams } from './agent-streams.service';
import { DialerStatusBroadcaster } from './dialer-status-broadcaster';
import { DialerSubscriptions } from './dialer-subscriptions.service';
import { sqliteAgentEventLogProvider } from './sqlite-agent-event-log';

@Module({
  imports: [DialerModule],
  providers: [sqliteAgentEventLogProvider, AgentStreams, DialerSubscriptions, DialerStatusBroadcaster],
  exports: [AgentStreams, DialerSubscriptions],
})
export class EventsModule {}
