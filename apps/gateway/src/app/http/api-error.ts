import { HttpException } from '@nestjs/common';
import type { ApiErrorBody, ErrorCode } from '@puente/contracts';

export const STATUS_OF: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  SIGNATURE_MISSING: 401,
  SIGNATURE_INVALID: 401,
  SIGNATURE_EXPIRED: 401,
  REQUEST_REPLAYED: 401,
  IP_NOT_ALLOWED: 403,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNKNOWN_DATABASE: 422,
  BAD_CREDENTIALS: 401,
  NOT_LOGGED_IN: 401,
  SESSION_REPLACED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  TARGET_BUSY: 409,
  QUEUE_EMPTY: 409,
  QUEUE_EMPTY_CONFIRM: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  INVALID_NUMBER: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  DIALER_ERROR: 502,
  CRM_ERROR: 502,
  DIALER_UNAVAILABLE: 503,
  DIALER_OUTCOME_UNKNOWN: 504,
  DATABASE_UNAVAILABLE: 503,
  REDIS_UNAVAILABLE: 503,
  CRM_UNAVAILABLE: 503,
};

/** Every refusal of the gateway: a stable code, words for a person, optional details. */
export class ApiError extends HttpException {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super({ code, message, ...(details ? { details } : {}) } satisfies ApiErrorBody, STATUS_OF[code]);
  }
}
