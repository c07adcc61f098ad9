import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DialerModule } from '../dialer/dialer.module';
import { EventsModule } from '../events/events.module';
import { AuthGuard } from './auth.guard';
import { LoginLimitsModule } from './limits/login-limits.module';
import { SessionService } from './session.service';
import { SessionsController } from './sessions.controller';

@Module({
  imports: [DialerModule, EventsModule, LoginLimitsModule],
  controllers: [SessionsController],
  providers: [SessionService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [SessionService],
})
export class AuthModule {}
