import { Logger } from '@nestjs/common';
import { ContactDbError } from '@puente/contact-center-db';
import {
  type CircuitBreakerPolicy,
  circuitBreaker,
  ConsecutiveBreaker,
  handleWhen,
  isBrokenCircuitError,
} from 'cockatiel';

export interface ContactDbCircuitOptions {
  /** Consecutive calls the database could not serve that open the circuit. */
  failures: number;
  /** How long it stays open before one trial call (a health ping, or the next caller's) goes through. */
  resetMs: number;
}

/** A failure that says the database cannot serve calls at all, rather than refusing this one. */
export function isDatabaseOutage(error: unknown): error is ContactDbError {
  return (
    error instanceof ContactDbError && (error.code === 'DATABASE_UNAVAILABLE' || error.code === 'TIMEOUT')
  );
}

/**
 * The gateway's circuit breaker in front of the contact-center database
 * (cockatiel, as for Salesforce), issue 15 §6. Each call to a hung database
 * costs its caller a connection or query time-out; after `failures` of them
 * in a row every call (IVR insert, look-up, health ping) fails at once with
 * DATABASE_UNAVAILABLE, so an IVR is told to route the call without a key
 * in milliseconds instead of seconds, and the pool stops piling sockets on a
 * server that does not answer. After `resetMs` one trial call goes through;
 * the health probe pings every interval, so recovery does not wait for an
 * IVR call.
 */
export class ContactDbCircuit {
  private readonly logger = new Logger('ContactDb');
  private readonly breaker: CircuitBreakerPolicy;
  private openedAt = 0;
  private lastError = 'repeated failures';

  constructor(private readonly options: ContactDbCircuitOptions) {
    this.breaker = circuitBreaker(handleWhen(isDatabaseOutage), {
      breaker: new ConsecutiveBreaker(options.failures),
      halfOpenAfter: options.resetMs,
    });
    this.breaker.onBreak(() => {
      this.openedAt = Date.now();
      this.logger.warn({
        error: this.lastError,
        msg: `contact-center database calls fail at once for ${options.resetMs} ms: ${this.lastError}`,
      });
    });
    this.breaker.onReset(() => this.logger.log({ msg: 'the contact-center database answers again' }));
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await this.breaker.execute(async () => {
        try {
          return await call();
        } catch (error) {
          if (isDatabaseOutage(error)) this.lastError = error.message;
          throw error;
        }
      });
    } catch (error) {
      if (!isBrokenCircuitError(error)) throw error;
      const left = Math.max(0, this.openedAt + this.options.resetMs - Date.now());
      throw new ContactDbError(
        'DATABASE_UNAVAILABLE',
        `the contact-center database is not answering (${this.lastError}); next try in ${left} ms`,
      );
    }
  }
}
