import { HttpErrorResponse } from '@angular/common/http';
import { ApiErrorBodySchema, type ErrorCode } from '@puente/contracts';
import type { MessageKey } from '../core/i18n/messages.en';

/**
 * What can go wrong with a request, in the gateway's stable codes plus the
 * panel's own: no answer, an unreadable one, and a request the panel refused
 * to send to a host that is not a configured gateway.
 */
export type PanelErrorCode = ErrorCode | 'NETWORK' | 'UNKNOWN' | 'GATEWAY_NOT_ALLOWED';

/** An answer of the gateway that was not a success, or no answer at all. */
export class PanelError extends Error {
  constructor(
    readonly code: PanelErrorCode,
    /** The gateway's own words (English, for operators); agents see the translated text. */
    readonly detail: string,
    readonly status = 0,
    readonly requestId: string | null = null,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'PanelError';
  }
}

/** Turns anything thrown by HttpClient (or by our own code) into a PanelError. */
export function toPanelError(error: unknown): PanelError {
  if (error instanceof PanelError) return error;
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) return new PanelError('NETWORK', error.message, 0);
    const body = ApiErrorBodySchema.safeParse(error.error);
    if (body.success) {
      return new PanelError(body.data.code, body.data.message, error.status, body.data.requestId ?? null);
    }
    const fallback: PanelErrorCode =
      error.status === 401 ? 'UNAUTHENTICATED' : error.status >= 500 ? 'INTERNAL' : 'UNKNOWN';
    return new PanelError(fallback, error.message, error.status);
  }
  return new PanelError('UNKNOWN', error instanceof Error ? error.message : String(error));
}

/**
 * The sentence an agent reads for each code, in their language. Codes that
 * only machines meet (the IVR's signature checks, payload limits) fall back
 * to the generic sentence, so a new code in the contract never breaks the panel.
 */
export const ERROR_MESSAGE: Partial<Record<PanelErrorCode, MessageKey>> = {
  VALIDATION_FAILED: 'error.VALIDATION_FAILED',
  UNAUTHENTICATED: 'error.UNAUTHENTICATED',
  FORBIDDEN: 'error.FORBIDDEN',
  NOT_FOUND: 'error.NOT_FOUND',
  CONFLICT: 'error.CONFLICT',
  RATE_LIMITED: 'error.RATE_LIMITED',
  NOT_LOGGED_IN: 'error.NOT_LOGGED_IN',
  BAD_CREDENTIALS: 'error.BAD_CREDENTIALS',
  INVALID_STATE: 'error.INVALID_STATE',
  TARGET_BUSY: 'error.TARGET_BUSY',
  QUEUE_EMPTY: 'error.QUEUE_EMPTY',
  QUEUE_EMPTY_CONFIRM: 'error.QUEUE_EMPTY_CONFIRM',
  INVALID_NUMBER: 'error.INVALID_NUMBER',
  DIALER_UNAVAILABLE: 'error.DIALER_UNAVAILABLE',
  DIALER_OUTCOME_UNKNOWN: 'error.DIALER_OUTCOME_UNKNOWN',
  DIALER_ERROR: 'error.DIALER_ERROR',
  DATABASE_UNAVAILABLE: 'error.DATABASE_UNAVAILABLE',
  REDIS_UNAVAILABLE: 'error.REDIS_UNAVAILABLE',
  CRM_UNAVAILABLE: 'error.CRM_UNAVAILABLE',
  CRM_ERROR: 'error.CRM_ERROR',
  IDEMPOTENCY_KEY_REUSED: 'error.IDEMPOTENCY_KEY_REUSED',
  SESSION_REPLACED: 'error.SESSION_REPLACED',
  INTERNAL: 'error.INTERNAL',
  NETWORK: 'error.NETWORK',
  GATEWAY_NOT_ALLOWED: 'error.GATEWAY_NOT_ALLOWED',
  UNKNOWN: 'error.UNKNOWN',
};

/**
 * Codes the gateway only sends in `system.error` events, outside the request
 * contract: warnings about the set-up, where "Something went wrong. Try
 * again." would send the agent retrying something that did not fail.
 */
const SYSTEM_ERROR_MESSAGE: Record<string, MessageKey> = {
  CRM_USER_NOT_MAPPED: 'error.CRM_USER_NOT_MAPPED',
};

/** The message key for a code the gateway sent as a plain string (system.error events). */
export function errorMessageKey(code: string): MessageKey {
  return (
    (ERROR_MESSAGE as Record<string, MessageKey | undefined>)[code] ??
    SYSTEM_ERROR_MESSAGE[code] ??
    'error.UNKNOWN'
  );
}
