import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EventsModule } from '../events/events.module';
import { HealthModule } from '../health/health.module';
import { SupervisionModule } from '../supervision/supervision.module';
import { AgentsGateway } from './agents.gateway';
import { StatusGateway } from './status.gateway';
import { SupervisorsGateway } from './supervisors.gateway';

/**
 * The three socket.io namespaces (docs/architecture.md): /agents and
 * /supervisors behind one handshake guard (socket-auth.ts), /status public.
 */
@Module({
  imports: [AuthModule, EventsModule, HealthModule, SupervisionModule],
  providers: [AgentsGateway, StatusGateway, SupervisorsGateway],
})
export class RealtimeModule {}
