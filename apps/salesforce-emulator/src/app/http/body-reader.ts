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

/**
 * Reads request bodies under /services and /id the way Salesforce accepts
 * them: whole, with a content-length or chunked (jsforce sends its token
 * request chunked), JSON, form-encoded or XML. Registered before Nest's own
 * parsers, which then leave these requests alone; bad JSON becomes a
 * JSON_PARSER_ERROR answer instead of an HTML page.
 */
export function salesforceBodyReader(limitBytes = BODY_LIMIT_BYTES) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!SALESFORCE_PATHS.test(req.path)) return next();
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes && !refused) {
        refused = true;
        sendJson(res, 413, [
          {
            errorCode: 'REQUEST_ENTITY_TOO_LARGE',
            message: `The request body is larger than ${limitBytes} bytes`,
          },
        ]);
        req.resume();
        return;
      }
      if (!refused) chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      const parsed = parse(req.headers['content-type'] ?? '', Buffer.concat(chunks).toString('utf8'));
      (req as Request & { sfBody?: ReadBody }).sfBody = parsed;
      req.body = parsed.value;
      // body-parser's own flag: Nest's parsers, registered after this one, then leave the request alone.
      (req as Request & { _body?: boolean })._body = true;
      next();
    });
    req.on('error', (error) => next(error));
  };
}
