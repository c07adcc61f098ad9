import { HttpException, HttpStatus } from '@nestjs/common';
import type { ApiErrorBody, ErrorCode } from '@puente/contracts';
import { refusedBodyOf } from '@puente/server-kit';
import { RedisUnavailableError } from '../cluster/redis.provider';
import { ApiError } from './api-error';

const BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/**
 * The answer to any failure: `{code, message, details?, requestId}` and its
 * status. Framework errors (unknown route, malformed JSON, body too large,
 * unsupported media type) get the matching stable code, Redis out of reach
 * REDIS_UNAVAILABLE; anything unexpected is handed to
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
  const refused = refusedBodyOf(exception);
  if (exception instanceof ApiError) {
    status = exception.getStatus();
    body = exception.getResponse() as ApiErrorBody;
  } else if (exception instanceof RedisUnavailableError) {
    // Cluster mode's shared store is away: a clear 503 the client may retry, not an INTERNAL.
    status = HttpStatus.SERVICE_UNAVAILABLE;
    body = {
      code: 'REDIS_UNAVAILABLE',
      message: 'The gateway cannot reach its shared store (Redis); try again shortly.',
    };
  } else if (exception instanceof HttpException) {
    status = exception.getStatus();
    const code = BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED');
    body = { code, message: describe(exception, status) };
  } else if (refused) {
    // A body parser's refusal that reached here unconverted is still the client's mistake.
    status = refused.status;
    body = { code: BY_STATUS[status] ?? 'VALIDATION_FAILED', message: refused.message };
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
  // Express's words would echo the malformed path back.
  if (status === 400 && /^Failed to decode param/.test(exception.message))
    return 'The request path is not valid percent-encoding.';
  const response = exception.getResponse();
  const message =
    typeof response === 'object' && response !== null
      ? (response as { message?: unknown }).message
      : response;
  if (status === 400 && typeof message === 'string' && /JSON/i.test(message))
    return 'The request body is not valid JSON.';
  return Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
}
