import { CrmUnavailableError } from '../crm.port';

/**
 * Salesforce's own passing failures: over the API allowance, an internal
 * error, maintenance. Like a network failure they are worth retrying later,
 * and the outbox must not park a Task because of them.
 */
const TRANSIENT_CODES = new Set(['REQUEST_LIMIT_EXCEEDED', 'UNKNOWN_EXCEPTION', 'SERVER_UNAVAILABLE']);

/**
 * Salesforce's refusals carry an errorCode; transient codes, bare HTTP 5xx/429
 * answers (jsforce names them ERROR_HTTP_<status>) and anything without a
 * code mean it could not be reached or could not serve us just now.
 */
export function classify(error: unknown): Error {
  if (error instanceof CrmUnavailableError) return error;
  const e = error as { errorCode?: unknown; message?: string };
  if (
    typeof e.errorCode === 'string' &&
    !TRANSIENT_CODES.has(e.errorCode) &&
    !/^ERROR_HTTP_(5\d\d|429|420)$/.test(e.errorCode)
  )
    return error as Error;
  return new CrmUnavailableError(
    `Salesforce cannot be reached (${typeof e.errorCode === 'string' ? e.errorCode : e.message || (error as Error).name || String(error)})`,
  );
}

/** Salesforce answered 401: the token the request carried is no longer a session. */
export function isInvalidSession(error: unknown): boolean {
  return (error as { errorCode?: unknown } | null)?.errorCode === 'INVALID_SESSION_ID';
}
