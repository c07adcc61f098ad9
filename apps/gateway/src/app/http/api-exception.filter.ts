import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { errorResponse } from './error-response';

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
    const requestId = req.id ?? String(req.headers['x-request-id'] ?? '');
    const { status, body } = errorResponse(exception, requestId, (err) =>
      this.logger.error({ err, requestId, method: req.method, url: req.originalUrl, msg: 'unhandled error' }),
    );
    if (res.headersSent) return;
    res.status(status).json(body);
  }
}
