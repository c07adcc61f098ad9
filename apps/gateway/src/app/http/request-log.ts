import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from '@nestjs/common';

/** The caller's X-Request-Id when it is a sane one, a new id otherwise. */
export function requestIdOf(headers: IncomingHttpHeaders): string {
  const incoming = headers['x-request-id'];
  return typeof incoming === 'string' && /^[\w.:-]{1,128}$/.test(incoming) ? incoming : randomUUID();
}

/** One line per API request (method, path, status, duration, request id); health and metrics scrapes stay quiet. */
export function logAnswered(
  logger: Logger,
  request: { requestId: string; method: string; url: string; status: number; startedAt: number },
): void {
  const path = request.url.split('?')[0];
  if (path.startsWith('/health') || path === '/metrics') return;
  const entry = {
    requestId: request.requestId,
    method: request.method,
    path,
    status: request.status,
    ms: Math.round(performance.now() - request.startedAt),
    msg: `${request.method} ${path} ${request.status}`,
  };
  if (request.status >= 500) logger.error(entry);
  else logger.log(entry);
}
