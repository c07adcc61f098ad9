import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { REDIS, type RedisConnection } from '../cluster/redis.provider';
import { DialerModule } from '../dialer/dialer.module';
import { EventsModule } from '../events/events.module';
import { AuthGuard } from './auth.guard';
import { LoginLimitsModule } from './limits/login-limits.module';
import { RedisSessionRepository } from './redis-session.repository';
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
    SqliteSessionRepository,
    {
      // With REDIS_URL every node reads and writes the same sessions (issue 18 §2); else the node's SQLite.
      provide: SessionRepository,
      inject: [REDIS, SqliteSessionRepository],
      useFactory: (redis: RedisConnection | null, local: SqliteSessionRepository) =>
        redis ? new RedisSessionRepository(redis.client) : local,
    },
    { provide: SigningKeyRepository, useClass: SqliteSigningKeyRepository },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [SessionService],
})
export class AuthModule {}
