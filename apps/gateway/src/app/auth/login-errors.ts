import { Logger } from '@nestjs/common';
import type { LoginRequest } from '@puente/contracts';
import { DialerError } from '../dialer/dialer-error';
import { toApiError } from '../dialer/dialer-errors';
import { ApiError } from '../http/api-error';
import { requestContext } from '../http/request-context';

const logger = new Logger('Sessions');

/**
 * A refused login in the gateway's own words (issue 14 §12), whatever the
 * dialer said: its words may name the user holding a device, or tell an
 * unknown user from a wrong password, and a caller who is not logged in
 * learns neither. The dialer's words go to the log for the operator.
 */
export function toLoginError(error: unknown, request: LoginRequest): unknown {
  if (!(error instanceof DialerError) || error.isUnavailable) return toApiError(error);
  logger.log({
    requestId: requestContext.getStore()?.requestId,
    user: request.user,
    device: request.device,
    code: error.code,
    msg: `the dialer refused a login: ${error.code} ${error.message}`,
  });
  const device = request.device.trim();
  switch (error.code) {
    case 'BAD_CREDENTIALS':
      return new ApiError('BAD_CREDENTIALS', 'Wrong user or password.');
    case 'CONFLICT':
      return new ApiError('CONFLICT', `Device ${device} is in use.`, { reason: 'DEVICE_IN_USE', device });
    case 'NOT_FOUND':
      return new ApiError('NOT_FOUND', `There is no device ${device}.`, { reason: 'UNKNOWN_DEVICE', device });
    case 'VALIDATION_FAILED':
      return new ApiError('VALIDATION_FAILED', 'The dialer refused the login request as invalid.');
    case 'FORBIDDEN':
      return new ApiError('FORBIDDEN', 'This user may not log in.');
    default:
      return toApiError(error);
  }
}
