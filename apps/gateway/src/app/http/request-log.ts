import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@nestjs/common';

/**
 * What a client-supplied X-Request-Id may look like to be kept (issue 14 §8):
 * 8 to 128 letters, digits and `. _ : -`, enough for UUIDs, ULIDs, W3C trace
 * ids and most tracing headers, too little to inject markup, quotes or line
 * breaks into a log line or an error body. Anything else is replaced.
 */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

/** The caller's X-Request-Id when it is a safe one, a new id otherwise. */
export function requestIdOf(headers: IncomingHttpHeaders): string {
  const incoming = headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
}

/**
 * The request's id, given once, wherever it is first asked for (the first
 * middleware, or an error raised before it ran) and answered in X-Request-Id.
 */
export function requestIdFor(req: IncomingMessage & { id?: string }, res: ServerResponse): string {
  if (req.id === undefined) {
    req.id = requestIdOf(req.headers);
    if (!res.headersSent) res.setHeader('x-request-id', req.id);
  }
  return req.id;
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
