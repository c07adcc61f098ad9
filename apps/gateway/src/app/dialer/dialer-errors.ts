import type { ErrorCode } from '@puente/contracts';
import { NeoApiError, type NeoErrorCode } from '@puente/neoapi';
import { ApiError } from '../http/api-error';

const CODE: Record<NeoErrorCode, ErrorCode> = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  BAD_CREDENTIALS: 'BAD_CREDENTIALS',
  NOT_LOGGED_IN: 'NOT_LOGGED_IN',
  FORBIDDEN: 'FORBIDDEN',
  INVALID_STATE: 'INVALID_STATE',
  NOT_FOUND: 'NOT_FOUND',
  UNKNOWN_METHOD: 'DIALER_ERROR',
  INVALID_NUMBER: 'INVALID_NUMBER',
  CONFLICT: 'CONFLICT',
  INTERNAL: 'DIALER_ERROR',
  UNAVAILABLE: 'DIALER_UNAVAILABLE',
  TIMEOUT: 'DIALER_UNAVAILABLE',
};

/** The dialer's refusal, in the gateway's vocabulary (the message stays the dialer's own words). */
export function toApiError(error: unknown): unknown {
  if (!(error instanceof NeoApiError)) return error;
  const code = CODE[error.code];
  const message =
    code === 'DIALER_UNAVAILABLE' ? 'The dialer is not answering; try again in a moment.' : error.message;
  return new ApiError(code, message, error.details);
}
