import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RedisUnavailableError } from '../cluster/redis.provider';
import { errorResponse } from './error-response';
import { requestIdFor } from './request-log';

/**
 * Every error leaves the gateway as `{code, message, details?, requestId}`
 * (errorResponse); this filter applies it to Nest's routes.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Api');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request & { id?: string }>();
    // Errors raised before the request middleware ran (a malformed path) still get a safe id.
    const requestId = requestIdFor(req, res);
    const { status, body } = errorResponse(exception, requestId, (err) =>
      this.logger.error({ err, requestId, method: req.method, url: req.originalUrl, msg: 'unhandled error' }),
    );
    // Expected while Redis is away, but the operator needs the cause (a time-out, no connection) and where.
    if (exception instanceof RedisUnavailableError)
      this.logger.warn({
        err: exception,
        requestId,
        method: req.method,
        url: req.originalUrl,
        msg: exception.message,
      });
    if (res.headersSent) return;
    // A refused body may still be arriving: end the connection rather than read it.
    if (!req.complete) res.setHeader('connection', 'close');
    res.status(status).json(body);
  }
}
