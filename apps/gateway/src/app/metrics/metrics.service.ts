import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The gateway's Prometheus metrics (F3). One registry per app instance, so
 * tests that start several gateways in one process do not share counters.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly connectedPanels = new Gauge({
    name: 'puente_connected_panels',
    help: 'Panels connected over socket.io (agents namespace)',
    registers: [this.registry],
  });
  readonly loggedInAgents = new Gauge({
    name: 'puente_logged_in_agents',
    help: 'Agents with an active gateway session',
    registers: [this.registry],
  });
  readonly commandDuration = new Histogram({
    name: 'puente_command_duration_seconds',
    help: 'Time to carry out an agent command, from request to answer',
    labelNames: ['command', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly dialerErrors = new Counter({
    name: 'puente_dialer_errors_total',
    help: 'Dialer calls that failed, by error code',
    labelNames: ['code'],
    registers: [this.registry],
  });
  readonly eventLag = new Histogram({
    name: 'puente_event_lag_seconds',
    help: 'Delay from the dialer emitting an event to the gateway pushing it to panels',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly uncommittedAppends = new Counter({
    name: 'puente_uncommitted_appends_total',
    help: 'Agent event appends given up because Redis did not answer in time (cluster mode), by source',
    labelNames: ['source'],
    registers: [this.registry],
  });
  readonly circuitState = new Gauge({
    name: 'puente_dialer_circuit_state',
    help: 'Dialer circuit breaker: 0 closed, 1 half-open, 2 open',
    registers: [this.registry],
  });
  readonly subscriptions = new Gauge({
    name: 'puente_dialer_subscriptions',
    help: 'Per-agent dialer subscriptions by mode (push stream or Position polling)',
    labelNames: ['mode'],
    registers: [this.registry],
  });

  /** Screen pops: the whole decision, and the gateway's own share (the total minus the Salesforce calls). */
  readonly screenPop = new Histogram({
    name: 'puente_screen_pop_seconds',
    help: 'Time from the call event to the crm.pop decision, whole (part=total) and without the Salesforce calls (part=gateway)',
    labelNames: ['part'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  /** IVR contact inserts per database round trip (issue 6 §7): 1 on a quiet line, more under load. */
  readonly contactInsertBatch = new Histogram({
    name: 'puente_contact_insert_batch_size',
    help: 'IVR contact inserts (CONTACTO_INSERT_SALESFORCE) sent to the database together in one round trip',
    buckets: [1, 2, 4, 8, 16, 32, 64],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'puente_gateway_' });
  }
}
