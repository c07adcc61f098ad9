import { Inject, Injectable } from '@nestjs/common';
import { SessionService } from '../auth/session.service';
import { DialerError } from '../dialer/dialer-error';
import { toApiError } from '../dialer/dialer-errors';
import { DIALER, type Dialer, type DialerActions } from '../dialer/dialer.port';
import type { DialerCaller } from '../dialer/dialer.types';
import { DialerSubscriptions } from '../events/dialer-subscriptions.service';
import { MetricsService } from '../metrics/metrics.service';
import type { Principal } from '../auth/principal';
import { requestContext } from '../http/request-context';

/** The port's commands with the caller already bound: `commands.as(session).hangup(callId)`. */
export type AgentDialer = {
  [K in keyof DialerActions]: DialerActions[K] extends (caller: DialerCaller, ...args: infer A) => infer R
    ? (...args: A) => R
    : never;
};

/** Only the port's own operations (not `then`, so the handle is never taken for a promise). */
function isAction(dialer: Dialer, name: string): name is keyof DialerActions {
  return name !== 'then' && typeof (dialer as unknown as Record<string, unknown>)[name] === 'function';
}

/**
 * Runs dialer commands on behalf of a session: times them, maps refusals to
 * the gateway's stable codes, ends the session when the dialer says it no
 * longer exists, and reconciles the agent's state with the dialer's when a
 * command's outcome is unknown. The request's idempotency key goes with it.
 */
@Injectable()
export class DialerCommands {
  constructor(
    @Inject(DIALER) private readonly dialer: Dialer,
    private readonly sessions: SessionService,
    private readonly metrics: MetricsService,
    private readonly subscriptions: DialerSubscriptions,
  ) {}

  /** The dialer's commands as this session's agent. */
  as(session: Principal): AgentDialer {
    return new Proxy({} as AgentDialer, {
      get: (_, command) =>
        typeof command === 'string' && isAction(this.dialer, command)
          ? (...args: unknown[]) =>
              this.run(session, command, (caller) =>
                (this.dialer[command] as (c: DialerCaller, ...a: unknown[]) => Promise<unknown>).call(
                  this.dialer,
                  caller,
                  ...args,
                ),
              )
          : undefined,
    });
  }

  private async run<T>(
    session: Principal,
    command: string,
    act: (caller: DialerCaller) => Promise<T>,
  ): Promise<T> {
    const token = this.sessions.dialerToken(session);
    const done = this.metrics.commandDuration.startTimer({ command });
    try {
      const key = requestContext.getStore()?.idempotencyKey;
      const result = await act({ session: token, ...(key ? { idempotencyKey: key } : {}) });
      done({ outcome: 'ok' });
      return result;
    } catch (error) {
      done({ outcome: error instanceof DialerError ? error.code : 'error' });
      if (error instanceof DialerError && error.code === 'NOT_LOGGED_IN') {
        // Redis away now: the next command meets NOT_LOGGED_IN again and ends it then.
        await this.sessions.end(session.sessionId, 'expired', { announce: true }).catch(() => undefined);
      }
      // Sent but unanswered (issue 15 §4): it may still happen; the agent's stream will tell.
      if (error instanceof DialerError && error.outcomeUnknown) this.subscriptions.reconcile(session.agentId);
      throw toApiError(error);
    }
  }
}
