import type { IncomingMessage } from 'node:http';
import { Logger } from '@nestjs/common';
import type { ErrorCode } from '@puente/contracts';
import { refusedBodyOf } from '@puente/server-kit';
import { ApiError } from './api-error';

type RequestLike = IncomingMessage & { id?: string; originalUrl?: string };

const logger = new Logger('Http');

/**
 * Why a request's body cannot be read as JSON, judged from its headers
 * alone (issue 14 §4, §6); undefined when it can. The REST API and the IVR
 * listener apply this same rule: JSON only (a form, text or multipart body
 * is what a browser posts cross-site without a CORS preflight), UTF-8 only
 * (RFC 8259), and never compressed (no decompression bombs, and the IVR's
 * signature covers the bytes as sent), and no larger than `limitBytes` when
 * it says its length: refused at once, before a byte of it is read (a body
 * parser would read it all first, for as long as the client cares to send).
 * A request with no body passes.
 */
export function unreadableBody(req: RequestLike, limitBytes: number): ApiError | undefined {
  const length = req.headers['content-length'];
  const carriesBody =
    req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (!carriesBody) return undefined;
  if (Number(length) > limitBytes)
    return refuseBody(req, 'PAYLOAD_TOO_LARGE', 'entity.too.large', 'The request body is too large.', {
      limitBytes,
    });
  const [mediaType, ...params] = (req.headers['content-type'] ?? '').split(';');
  if (mediaType.trim().toLowerCase() !== 'application/json')
    return refuseBody(
      req,
      'UNSUPPORTED_MEDIA_TYPE',
      'content-type.unsupported',
      'The request body must be JSON (Content-Type: application/json).',
    );
  const charset = params
    .map((p) => /^\s*charset\s*=\s*"?([^"]*)"?\s*$/i.exec(p)?.[1])
    .find((c) => c !== undefined);
  if (charset !== undefined && !/^utf-?8$/i.test(charset))
    return refuseBody(
      req,
      'UNSUPPORTED_MEDIA_TYPE',
      'charset.unsupported',
      'The request body must be UTF-8.',
    );
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity')
    return refuseBody(
      req,
      'UNSUPPORTED_MEDIA_TYPE',
      'encoding.unsupported',
      'The request body must not be compressed (no Content-Encoding).',
    );
  return undefined;
}

/** A body parser's error as the gateway's refusal; anything else is a real fault and goes on unchanged. */
export function asBodyRefusal(req: RequestLike, error: unknown, limitBytes: number): unknown {
  const refused = refusedBodyOf(error);
  if (!refused) return error;
  const code: ErrorCode =
    refused.status === 413
      ? 'PAYLOAD_TOO_LARGE'
      : refused.status === 415
        ? 'UNSUPPORTED_MEDIA_TYPE'
        : 'VALIDATION_FAILED';
  return refuseBody(
    req,
    code,
    refused.reason,
    refused.message,
    code === 'PAYLOAD_TOO_LARGE' ? { limitBytes } : undefined,
  );
}

/**
 * The refusal of a body, logged once at WARN with the request id and why,
 * without a stack: it is the client's mistake, not the gateway's, and an
 * operator grepping ERROR must not find it there.
 */
export function refuseBody(
  req: RequestLike,
  code: ErrorCode,
  reason: string,
  message: string,
  details?: Record<string, unknown>,
): ApiError {
  const error = new ApiError(code, message, details);
  const path = (req.originalUrl ?? req.url ?? '').split('?')[0];
  logger.warn({
    requestId: req.id,
    method: req.method,
    path,
    status: error.getStatus(),
    reason,
    msg: `${req.method} ${path} ${error.getStatus()}: ${message}`,
  });
  return error;
}
