import { Logger } from '@nestjs/common';
import {
  NeoApiClient,
  NeoApiError,
  type NeoEvent,
  type NeoMethodName,
  type NeoRequest,
  type NeoResponse,
  type StreamFrom,
} from '@puente/neoapi';
import { BehaviorSubject, distinctUntilChanged, type Observable } from 'rxjs';
import type { MetricsService } from '../../metrics/metrics.service';
import { CircuitBreaker, CircuitOpenError } from '../circuit-breaker';

/** What the NeoApi adapter needs of the wire: methods by name, an agent's push stream, reachability. */
export interface NeoApiLink {
  call<M extends NeoMethodName>(
    method: M,
    request: NeoRequest<M>,
    token?: string,
    idempotencyKey?: string,
  ): Promise<NeoResponse<M>>;
  /**
   * The agent's push stream from after `from.after`, a seq of the dialer's
   * run `from.epoch` (when known: another run's seq gets a Resync), each
   * event handed to `onEvent`; settles when the connection drops.
   */
  follow(token: string, from: StreamFrom, onEvent: (event: NeoEvent) => void): Promise<void>;
  readonly status: Observable<'up' | 'down'>;
  health(signal?: AbortSignal): Promise<void>;
}

export interface NeoApiDialerOptions {
  baseUrl: string;
  timeoutMs: number;
  breakerFailures: number;
  breakerResetMs: number;
}

const CIRCUIT_GAUGE = { closed: 0, half_open: 1, open: 2 } as const;

/** The NeoApi webservice over HTTP, behind a circuit breaker. */
export class NeoApiConnection implements NeoApiLink {
  private readonly logger = new Logger('Dialer');
  private readonly client: NeoApiClient;
  private readonly breaker: CircuitBreaker;
  private readonly status$ = new BehaviorSubject<'up' | 'down'>('up');
  private readonly timeoutMs: number;

  constructor(
    options: NeoApiDialerOptions,
    private readonly metrics: MetricsService,
  ) {
    this.timeoutMs = options.timeoutMs;
    this.client = new NeoApiClient({ baseUrl: options.baseUrl, timeoutMs: options.timeoutMs });
    this.breaker = new CircuitBreaker({
      failureThreshold: options.breakerFailures,
      resetMs: options.breakerResetMs,
    });
    this.breaker.onChange((state) => {
      metrics.circuitState.set(CIRCUIT_GAUGE[state]);
      if (state === 'open')
        this.logger.warn('dialer circuit opened: commands fail fast until it answers again');
      if (state === 'closed') this.logger.log('dialer circuit closed: the dialer answers again');
      this.status$.next(state === 'open' ? 'down' : 'up');
    });
  }

  get status(): Observable<'up' | 'down'> {
    return this.status$.pipe(distinctUntilChanged());
  }

  async call<M extends NeoMethodName>(
    method: M,
    request: NeoRequest<M>,
    token?: string,
    idempotencyKey?: string,
  ): Promise<NeoResponse<M>> {
    try {
      return await this.breaker.run(
        () => this.client.call(method, request, { token, idempotencyKey }),
        (e) => e instanceof NeoApiError && e.isUnavailable,
      );
    } catch (error) {
      const failure =
        error instanceof CircuitOpenError
          ? new NeoApiError('UNAVAILABLE', 'the dialer is unavailable; retrying automatically')
          : error;
      if (failure instanceof NeoApiError) this.metrics.dialerErrors.inc({ code: failure.code });
      throw failure;
    }
  }

  follow(token: string, from: StreamFrom, onEvent: (event: NeoEvent) => void): Promise<void> {
    return this.client.follow(token, from, onEvent);
  }

  /**
   * A health probe that succeeds also closes the breaker, so recovery does not
   * wait for a command. Bounded by the caller's signal (the health probe's
   * time-out, issue 15 §6) and never longer than the gateway's dialer time-out.
   */
  async health(signal?: AbortSignal): Promise<void> {
    try {
      await this.client.health({ signal, timeoutMs: this.timeoutMs });
    } catch (error) {
      this.breaker.failed();
      throw error;
    }
    this.breaker.succeeded();
  }
}
