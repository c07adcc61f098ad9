import { Inject, Injectable } from '@nestjs/common';
import type { LoginRequest } from '@puente/contracts';
import { DialerError } from '../../dialer/dialer-error';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config/gateway.config';
import { toLoginError } from '../login-errors';
import { FailureTiming } from './failure-timing';
import { LoginLockouts } from './login-lockouts.service';

/**
 * One login attempt as the dialer answers it: a wrong password counts
 * towards the lock-outs and is answered no faster than a right one could be;
 * a success forgets the user's failures; any refusal is told in the
 * gateway's words (toLoginError).
 */
@Injectable()
export class LoginAttempts {
  private readonly timing: FailureTiming;

  constructor(
    private readonly lockouts: LoginLockouts,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.timing = new FailureTiming(config.LOGIN_FAILURE_MIN_MS);
  }

  async attempt<T>(request: LoginRequest, address: string, ask: () => Promise<T>): Promise<T> {
    const startedAt = performance.now();
    try {
      const answer = await ask();
      this.timing.observe(performance.now() - startedAt);
      await this.lockouts.succeeded(request.user);
      return answer;
    } catch (error) {
      if (error instanceof DialerError && error.code === 'BAD_CREDENTIALS') {
        this.timing.observe(performance.now() - startedAt);
        await this.lockouts.failed(request.user, address);
        await this.timing.hold(startedAt);
      }
      throw toLoginError(error, request);
    }
  }
}
