import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DialerModule } from '../dialer/dialer.module';
import { EventsModule } from '../events/events.module';
import { AuthGuard } from './auth.guard';
import { LoginLimitsModule } from './limits/login-limits.module';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';
import { SigningKeyRepository } from './signing-key.repository';
import { SqliteSessionRepository } from './sqlite-session.repository';
import { SqliteSigningKeyRepository } from './sqlite-signing-key.repository';
import { SessionsController } from './sessions.controller';

@Module({
  imports: [DialerModule, EventsModule, LoginLimitsModule],
  controllers: [SessionsController],
  providers: [
    SessionService,
    { provide: SessionRepository, useClass: SqliteSessionRepository },
    { provide: SigningKeyRepository, useClass: SqliteSigningKeyRepository },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [SessionService],
})
export class AuthModule {}
