import type { NeoEvent, NeoMethodName, NeoRequest, NeoResponse } from '@puente/neoapi';
import type { Observable } from 'rxjs';

/**
 * The gateway's view of the dialer (DESIGN principle 1): commands, an event
 * stream per agent, and whether it is reachable. The NeoApi HTTP adapter
 * implements it; tests may swap in anything that keeps the contract.
 */
export interface Dialer {
  call<M extends NeoMethodName>(
    method: M,
    request: NeoRequest<M>,
    token?: string,
    idempotencyKey?: string,
  ): Promise<NeoResponse<M>>;
  /**
   * The agent's push stream from after `after`, a seq of the dialer's run
   * `epoch` (when known: another run's seq gets a Resync); ends when the
   * connection drops.
   */
  events(token: string, after: number, signal: AbortSignal, epoch?: string): AsyncIterable<NeoEvent>;
  /** 'down' while the circuit breaker is open. */
  readonly status: Observable<'up' | 'down'>;
  /** Resolves when the dialer answers its health check; gives up when `signal` aborts. */
  health(signal?: AbortSignal): Promise<void>;
}

export const DIALER = Symbol('DIALER');
