import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { ApiErrorBody, ErrorCode } from '@puente/contracts';
import type { Request, Response } from 'express';
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
 * Every error leaves the gateway as `{code, message, details?, requestId}`.
 * Framework errors (unknown route, malformed JSON, body too large) get the
 * matching stable code; anything unexpected is logged with its stack and
 * answered with INTERNAL and the request id, never with the stack.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Api');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request & { id?: string }>();
    const requestId = req.id ?? String(req.headers['x-request-id'] ?? '');
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
      this.logger.error({
        err: exception,
        requestId,
        method: req.method,
        url: req.originalUrl,
        msg: 'unhandled error',
      });
    }
    if (res.headersSent) return;
    res.status(status).json({ ...body, ...(requestId ? { requestId } : {}) });
  }
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
