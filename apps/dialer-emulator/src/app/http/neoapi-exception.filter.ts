import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { NeoApiError } from '@puente/neoapi';
import type { Request, Response } from 'express';

/**
 * Errors that happen before a handler runs (a body that is not JSON, a path
 * no route knows) still answer in the NeoApi envelope, so a client never has
 * to parse two error formats.
 */
@Catch()
export class NeoApiExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
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
