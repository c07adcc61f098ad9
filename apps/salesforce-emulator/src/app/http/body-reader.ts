import type { Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import type { NextFunction, Request, Response } from 'express';
import { sendJson } from './send';

/** What the body reader leaves on the request. */
export interface ReadBody {
  value: unknown;
  /** Why the body is not valid JSON, when it is not. */
  error: string | null;
}

export const BODY_LIMIT_BYTES = 20 * 1024 * 1024;
const SALESFORCE_PATHS = /^\/(services|id)\//;

export function readBodyOf(req: Request): ReadBody {
  return (req as Request & { sfBody?: ReadBody }).sfBody ?? { value: undefined, error: null };
}

function parse(contentType: string, text: string): ReadBody {
  if (text.length === 0) return { value: undefined, error: null };
  if (/application\/x-www-form-urlencoded/i.test(contentType)) {
    return { value: Object.fromEntries(new URLSearchParams(text)), error: null };
  }
  if (/xml/i.test(contentType)) return { value: text, error: null };
  try {
    return { value: JSON.parse(text) as unknown, error: null };
  } catch (error) {
    return { value: undefined, error: `Unexpected character in the JSON body: ${(error as Error).message}` };
  }
}

/** The body as sent, or decompressed as Salesforce does for gzip and deflate; null for another encoding. */
function decoded(req: Request): Readable | null {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity') return req;
  if (encoding === 'gzip') return req.pipe(createGunzip());
  if (encoding === 'deflate') return req.pipe(createInflate());
  return null;
}

/**
 * Reads request bodies under /services and /id the way Salesforce accepts
 * them: whole, with a content-length or chunked (jsforce sends its token
 * request chunked), gzip- or deflate-compressed or not, JSON, form-encoded
 * or XML. Registered before Nest's own parsers, which then leave these
 * requests alone; every refusal answers in Salesforce's error shape: bad
 * JSON JSON_PARSER_ERROR, a body past the limit (decompressed size) 413,
 * an encoding Salesforce does not take 415. A client that goes away
 * half-way gets no answer (there is no one to give it to).
 */
export function salesforceBodyReader(limitBytes = BODY_LIMIT_BYTES) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!SALESFORCE_PATHS.test(req.path)) return next();
    const source = decoded(req);
    let done = false;
    const refuse = (status: number, errorCode: string, message: string) => {
      if (done) return;
      done = true;
      sendJson(res, status, [{ errorCode, message }]);
      // The rest of the body is drained, not left in the socket of a kept-alive connection.
      if (source !== req) source?.destroy();
      req.resume();
    };
    if (!source) {
      refuse(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `Content-Encoding ${String(req.headers['content-encoding'])} is not supported: use gzip or deflate`,
      );
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    source.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes)
        refuse(413, 'REQUEST_ENTITY_TOO_LARGE', `The request body is larger than ${limitBytes} bytes`);
      else if (!done) chunks.push(chunk);
    });
    source.on('error', () =>
      refuse(
        400,
        'JSON_PARSER_ERROR',
        `The request body could not be decompressed as ${String(req.headers['content-encoding'])}`,
      ),
    );
    req.on('error', () => (done = true));
    source.on('end', () => {
      if (done) return;
      done = true;
      const parsed = parse(req.headers['content-type'] ?? '', Buffer.concat(chunks).toString('utf8'));
      (req as Request & { sfBody?: ReadBody }).sfBody = parsed;
      req.body = parsed.value;
      // body-parser's own flag: Nest's parsers, registered after this one, then leave the request alone.
      (req as Request & { _body?: boolean })._body = true;
      next();
    });
  };
}
