import { type ArgumentsHost, Catch, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { refusedBodyOf } from '@puente/server-kit';
import type { Request, Response } from 'express';

/**
 * A body Nest's parsers refuse on the emulator's own routes (the operator
 * API, the console) answers its 4xx in Nest's shape, as those routes' other
 * errors do, and is logged at WARN: it is the client's mistake, not a fault
 * of the emulator worth an ERROR and a stack. Everything else is Nest's
 * default handling. (The Salesforce API reads its own bodies: body-reader.ts.)
 */
@Catch()
export class RefusedBodyFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('Http');

  override catch(exception: unknown, host: ArgumentsHost): void {
    const refused = refusedBodyOf(exception);
    if (!refused) return super.catch(exception, host);
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    this.logger.warn({ method: req.method, path: req.path, status: refused.status, reason: refused.reason });
    if (!res.headersSent)
      res.status(refused.status).json({ statusCode: refused.status, message: refused.message });
  }
}
