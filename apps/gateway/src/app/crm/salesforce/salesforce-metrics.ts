import { Counter, Gauge, type Registry } from 'prom-client';
import type { SalesforceCircuit } from './salesforce-circuit';

const STATES = { closed: 0, half_open: 1, open: 2 } as const;

/** Registers the Salesforce circuit's state; returns the hook that counts the gateway's token requests. */
export function salesforceMetrics(
  registry: Registry,
  circuit: SalesforceCircuit,
): (outcome: 'issued' | 'refused' | 'failed') => void {
  new Gauge({
    name: 'puente_salesforce_circuit_state',
    help: 'Salesforce circuit breaker: 0 closed, 1 half-open (one trial call), 2 open (calls fail at once)',
    registers: [registry],
    collect() {
      this.set(STATES[circuit.state]);
    },
  });
  const tokens = new Counter({
    name: 'puente_salesforce_token_requests_total',
    help: "The gateway's Salesforce token requests by outcome (issued, refused by Salesforce, failed to get an answer)",
    labelNames: ['outcome'],
    registers: [registry],
  });
  return (outcome) => tokens.inc({ outcome });
}
