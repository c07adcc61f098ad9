import { HttpException, HttpStatus } from '@nestjs/common';
import type { ApiErrorBody, ErrorCode } from '@puente/contracts';
import { ApiError } from './api-error';

const BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'VALIDATION_FAILED',
  429: 'RATE_LIMITED',
};

/**
 * The answer to any failure: `{code, message, details?, requestId}` and its
 * status. Framework errors (unknown route, malformed JSON, body too large)
 * get the matching stable code; anything unexpected is handed to
 * `unexpected` (to be logged with its stack) and answered with INTERNAL and
 * the request id, never with the stack.
 */
export function errorResponse(
  exception: unknown,
  requestId: string,
  unexpected: (error: unknown) => void,
): { status: number; body: ApiErrorBody & { requestId?: string } } {
  let status: number;
  let body: ApiErrorBody;
  if (exception instanceof ApiError) {
    status = exception.getStatus();
    body = exception.getResponse() as ApiErrorBody;
  } else if (exception instanceof HttpException) {
    status = exception.getStatus();
    const code = BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED');
    body = { code, message: describe(exception, status) };
  } else {
    status = HttpStatus.INTERNAL_SERVER_ERROR;
    body = {
      code: 'INTERNAL',
      message: 'Something went wrong in the gateway; the request id identifies it in the logs.',
    };
    unexpected(exception);
  }
  return { status, body: { ...body, ...(requestId ? { requestId } : {}) } };
}

function describe(exception: HttpException, status: number): string {
  if (status === 404) return 'No such endpoint.';
  if (status === 413) return 'The request body is too large.';
  const response = exception.getResponse();
  const message =
    typeof response === 'object' && response !== null
      ? (response as { message?: unknown }).message
      : response;
  if (status === 400 && typeof message === 'string' && /JSON/i.test(message))
    return 'The request body is not valid JSON.';
  return Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
}
