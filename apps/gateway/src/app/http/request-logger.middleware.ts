import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { requestContext } from './request-context';

/** One line per API request (method, path, status, duration, request id); health and metrics scrapes stay quiet. */
@Injectable()
export class RequestLoggerMiddleware implements NestMiddleware {
  private readonly logger = new Logger('Http');

  use(req: Request & { id?: string }, res: Response, next: NextFunction): void {
    const incoming = req.headers['x-request-id'];
    req.id = typeof incoming === 'string' && /^[\w.:-]{1,128}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', req.id);
    const started = performance.now();
    res.on('finish', () => {
      const path = req.originalUrl.split('?')[0];
      if (path.startsWith('/health') || path === '/metrics') return;
      const entry = {
        requestId: req.id,
        method: req.method,
        path,
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
        msg: `${req.method} ${path} ${res.statusCode}`,
      };
      if (res.statusCode >= 500) this.logger.error(entry);
      else this.logger.log(entry);
    });
    requestContext.run({ requestId: req.id }, next);
  }
}
