import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { NeoApiError } from '@puente/neoapi';
import { refusedBodyOf } from '@puente/server-kit';
import type { Request, Response } from 'express';

/**
 * Errors that happen before a handler runs (a body that is not JSON, a path
 * no route knows) still answer in the NeoApi envelope, so a client never has
 * to parse two error formats. A body the parser refuses (too large, an
 * encoding or charset it cannot read) keeps its 4xx status, with
 * VALIDATION_FAILED in the envelope, and is logged at WARN: it is the
 * client's mistake, not an INTERNAL error.
 */
@Catch()
export class NeoApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('NeoApi');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    const refused = refusedBodyOf(exception);
    if (refused) {
      this.logger.warn({
        method: req.method,
        path: req.path,
        status: refused.status,
        reason: refused.reason,
      });
      if (!res.headersSent)
        res.status(refused.status).json(new NeoApiError('VALIDATION_FAILED', refused.message).toBody());
      return;
    }
    let error: NeoApiError;
    if (exception instanceof NeoApiError) error = exception;
    else if (exception instanceof HttpException && exception.getStatus() === 404)
      error = new NeoApiError(
        req.path.startsWith('/neoapi/') ? 'UNKNOWN_METHOD' : 'NOT_FOUND',
        `no route ${req.method} ${req.path}`,
      );
    else if (exception instanceof HttpException && exception.getStatus() < 500)
      error = new NeoApiError('VALIDATION_FAILED', exception.message);
    else
      error = new NeoApiError('INTERNAL', exception instanceof Error ? exception.message : String(exception));
    if (!res.headersSent) res.status(error.status).json(error.toBody());
  }
}
