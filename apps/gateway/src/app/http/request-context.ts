import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What belongs to the request being served, wherever the code runs for it:
 * its id (for logs and errors) and, for commands, the Idempotency-Key that
 * the dialer call carries along. Entered by the request middleware, so
 * Nest's own context binding keeps it for guards, interceptors and handlers.
 */
export interface RequestContext {
  requestId: string;
  idempotencyKey?: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();
