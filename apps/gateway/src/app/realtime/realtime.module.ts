import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EventsModule } from '../events/events.module';
import { AgentsGateway } from './agents.gateway';

@Module({ imports: [AuthModule, EventsModule], providers: [AgentsGateway] })
export class RealtimeModule {}
