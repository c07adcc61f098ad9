/** Why a request body was refused before any handler saw it, in words a client can act on. */
export interface RefusedBody {
  status: 400 | 413 | 415;
  /** body-parser's error type (`entity.too.large`…), for logs. */
  reason: string;
  message: string;
}

const MESSAGES: Record<string, string> = {
  'entity.too.large': 'The request body is too large.',
  'encoding.unsupported': 'The request body must not be compressed (no Content-Encoding).',
  'encoding.invalid': 'The request body does not decode with its Content-Encoding.',
  'charset.unsupported': 'The request body must be UTF-8.',
  'entity.parse.failed': 'The request body is not valid JSON.',
  'request.aborted': 'The request body ended before it was complete.',
  'request.size.invalid': 'The request body does not match its Content-Length.',
  'parameters.too.many': 'The request body has too many parameters.',
};

/**
 * Recognises the errors Express's body parsers raise (http-errors objects:
 * a 4xx `status`, `expose: true` and a `type`), so each server can answer
 * them in its own error shape with the right status, instead of treating
 * them as its own failures (500 and a stack trace at ERROR). Anything else
 * is not a refused body and gets undefined.
 */
export function refusedBodyOf(error: unknown): RefusedBody | undefined {
  if (!(error instanceof Error)) return undefined;
  const { status, expose, type, code } = error as Error & {
    status?: unknown;
    expose?: unknown;
    type?: unknown;
    code?: unknown;
  };
  if (typeof status !== 'number' || status < 400 || status > 499 || expose !== true) return undefined;
  // zlib's own errors (a gzip header on a plain body) come through without a type.
  const reason =
    typeof type === 'string'
      ? type
      : typeof code === 'string' && code.startsWith('Z_')
        ? 'encoding.invalid'
        : 'body.unreadable';
  const answered = status === 413 || status === 415 ? status : 400;
  return { status: answered, reason, message: MESSAGES[reason] ?? 'The request body could not be read.' };
}
