import { Logger } from '@nestjs/common';
import type { ErrorCode } from '@puente/contracts';
import { DialerError, type DialerErrorCode } from './dialer-error';
import { ApiError } from '../http/api-error';
import { requestContext } from '../http/request-context';

const CODE: Record<DialerErrorCode, ErrorCode> = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  BAD_CREDENTIALS: 'BAD_CREDENTIALS',
  NOT_LOGGED_IN: 'NOT_LOGGED_IN',
  FORBIDDEN: 'FORBIDDEN',
  INVALID_STATE: 'INVALID_STATE',
  TARGET_BUSY: 'TARGET_BUSY',
  NOT_FOUND: 'NOT_FOUND',
  UNKNOWN_METHOD: 'DIALER_ERROR',
  INVALID_NUMBER: 'INVALID_NUMBER',
  CONFLICT: 'CONFLICT',
  INTERNAL: 'DIALER_ERROR',
  UNAVAILABLE: 'DIALER_UNAVAILABLE',
  TIMEOUT: 'DIALER_OUTCOME_UNKNOWN',
};

const logger = new Logger('Dialer');

/**
 * The dialer's refusal, in the gateway's vocabulary. "Unavailable" means the
 * command never reached the dialer (it did not happen); "outcome unknown"
 * means it left and no answer came back (issue 15 §4): it may still happen,
 * and the agent's stream will show it. A refusal keeps the
 * dialer's words (they explain the agent's own state: "cannot hold a call
 * that is dialing"); a failure of the dialer itself does not, as they may be
 * its internals (SQL, stack frames): those go to the log only.
 */
export function toApiError(error: unknown): unknown {
  if (!(error instanceof DialerError)) return error;
  const code = CODE[error.code];
  if (code === 'DIALER_UNAVAILABLE')
    return new ApiError(code, 'The dialer is not answering; try again in a moment.', error.details);
  if (code === 'DIALER_OUTCOME_UNKNOWN')
    return new ApiError(
      code,
      'The dialer did not answer in time: the command may still take effect. The agent state shows what happened; a retry with the same Idempotency-Key acts at most once.',
    );
  if (code === 'DIALER_ERROR') {
    const requestId = requestContext.getStore()?.requestId;
    logger.warn({ requestId, code: error.code, msg: `the dialer failed: ${error.message}` });
    return new ApiError(
      code,
      'The dialer could not carry this out; the request id identifies it in the logs.',
    );
  }
  return new ApiError(code, error.message, error.details);
}
