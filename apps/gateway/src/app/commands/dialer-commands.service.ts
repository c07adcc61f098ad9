import { Inject, Injectable } from '@nestjs/common';
import { NeoApiError, type NeoMethodName, type NeoRequest, type NeoResponse } from '@puente/neoapi';
import { SessionService } from '../auth/session.service';
import { toApiError } from '../dialer/dialer-errors';
import { DIALER, type Dialer } from '../dialer/dialer.port';
import { DialerSubscriptions } from '../events/dialer-subscriptions.service';
import { MetricsService } from '../metrics/metrics.service';
import type { Principal } from '../auth/principal';
import { requestContext } from '../http/request-context';

/**
 * Runs one dialer method on behalf of a session: times it, maps refusals to
 * the gateway's stable codes, ends the session when the dialer says it no
 * longer exists, and reconciles the agent's state with the dialer's Position
 * when a command's outcome is unknown.
 */
@Injectable()
export class DialerCommands {
  constructor(
    @Inject(DIALER) private readonly dialer: Dialer,
    private readonly sessions: SessionService,
    private readonly metrics: MetricsService,
    private readonly subscriptions: DialerSubscriptions,
  ) {}

  async run<M extends NeoMethodName>(
    session: Principal,
    method: M,
    request: NeoRequest<M>,
  ): Promise<NeoResponse<M>> {
    const token = this.sessions.dialerToken(session);
    const done = this.metrics.commandDuration.startTimer({ command: method });
    try {
      const key = requestContext.getStore()?.idempotencyKey;
      const result = await this.dialer.call(method, request, token, key);
      done({ outcome: 'ok' });
      return result;
    } catch (error) {
      done({ outcome: error instanceof NeoApiError ? error.code : 'error' });
      if (error instanceof NeoApiError && error.code === 'NOT_LOGGED_IN') {
        this.sessions.end(session.sessionId, 'expired', { announce: true });
      }
      // Sent but unanswered (issue 15 §4): it may still happen; the agent's stream will tell.
      if (error instanceof NeoApiError && error.outcomeUnknown) this.subscriptions.reconcile(session.agentId);
      throw toApiError(error);
    }
  }
}
