import { Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { requestContext } from './request-context';
import { logAnswered, requestIdFor } from './request-log';

/** Gives every request an id (X-Request-Id), runs it in its request context and logs its answer. */
@Injectable()
export class RequestLoggerMiddleware implements NestMiddleware {
  private readonly logger = new Logger('Http');

  use(req: Request & { id?: string }, res: Response, next: NextFunction): void {
    const requestId = requestIdFor(req, res);
    const startedAt = performance.now();
    res.on('finish', () =>
      logAnswered(this.logger, {
        requestId,
        method: req.method,
        url: req.originalUrl,
        status: res.statusCode,
        startedAt,
      }),
    );
    requestContext.run({ requestId }, next);
  }
}
