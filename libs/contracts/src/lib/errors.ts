import { z } from 'zod';

/**
 * Stable error codes: the panel translates them, operators grep for them,
 * and they never change meaning once published.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'NOT_LOGGED_IN',
  'BAD_CREDENTIALS',
  'INVALID_STATE',
  /** The user a transfer or an invitation names is logged in but busy; details.state says how (issue 16 §2.10). */
  'TARGET_BUSY',
  /** A blind transfer to a queue nobody else is logged in to, refused by GATEWAY_EMPTY_QUEUE_TRANSFER=refuse. */
  'QUEUE_EMPTY',
  /** The same, under GATEWAY_EMPTY_QUEUE_TRANSFER=confirm: send it again with confirmEmptyQueue: true. */
  'QUEUE_EMPTY_CONFIRM',
  'INVALID_NUMBER',
  'DIALER_UNAVAILABLE',
  'DIALER_OUTCOME_UNKNOWN',
  'DIALER_ERROR',
  'DATABASE_UNAVAILABLE',
  /** Cluster mode (REDIS_URL): the shared store cannot be reached; nothing was done, the same request may be retried. */
  'REDIS_UNAVAILABLE',
  'UNKNOWN_DATABASE',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'SIGNATURE_MISSING',
  'SIGNATURE_INVALID',
  'SIGNATURE_EXPIRED',
  'REQUEST_REPLAYED',
  'IP_NOT_ALLOWED',
  'CRM_UNAVAILABLE',
  'CRM_ERROR',
  'IDEMPOTENCY_KEY_REUSED',
  'SESSION_REPLACED',
  'INTERNAL',
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** The body of every non-2xx answer of the gateway. */
export const ApiErrorBodySchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  requestId: z.string().optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;
