import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config/gateway.config';
import { TrustProxy } from '../../http/client-address';
import { ATTEMPT_STORE, type AttemptStore } from './attempt-store';
import { AttemptStoreModule } from './attempt-store.module';
import { LockoutsController } from './lockouts.controller';
import { LoginAttempts } from './login-attempts.service';
import { loginThrottlerOptions } from './login-throttler';
import { LoginLockouts } from './login-lockouts.service';

/** Login and refresh limits (issue 14 §5): @nestjs/throttler on an AttemptStore, lock-outs, TRUST_PROXY. */
@Module({
  imports: [
    AttemptStoreModule,
    ThrottlerModule.forRootAsync({
      imports: [AttemptStoreModule],
      inject: [GATEWAY_CONFIG, ATTEMPT_STORE],
      useFactory: (config: GatewayConfig, store: AttemptStore) => loginThrottlerOptions(config, store),
    }),
  ],
  controllers: [LockoutsController],
  providers: [LoginLockouts, LoginAttempts, TrustProxy],
  exports: [LoginLockouts, LoginAttempts],
})
export class LoginLimitsModule {}
