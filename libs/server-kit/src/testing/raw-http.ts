import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  /** Header names in lower case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
}

export interface RawRequestOptions {
  /** Ends our side after writing (a body cut short); the server sees the end of the stream. */
  halfClose?: boolean;
  /** How long the server may take to answer and close; a wedged server fails the test. */
  timeoutMs?: number;
}

/**
 * Sends bytes to a server exactly as given: no client in between to fix a
 * malformed URL, drop a duplicate header or finish a chunked body. The
 * request should carry `Connection: close`, so the answer ends when the
 * server closes. Resolves null when the server closes without answering
 * (a reasonable reaction to a request cut short); rejects when it neither
 * answers nor closes within the time-out.
 */
export function rawHttp(
  url: string,
  request: string | Buffer,
  options: RawRequestOptions = {},
): Promise<RawAnswer | null> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(`no answer and no close within ${options.timeoutMs ?? 5000} ms: the server is wedged`),
      );
    }, options.timeoutMs ?? 5000);
    socket.on('connect', () => {
      socket.write(request);
      if (options.halfClose) socket.end();
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A reset after the answer (the server closing on unread bytes) still leaves the answer to read.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parseAnswer(Buffer.concat(chunks)));
    });
  });
}

function parseAnswer(raw: Buffer): RawAnswer | null {
  const end = raw.indexOf('\r\n\r\n');
  if (end === -1) return null;
  const [statusLine, ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const at = line.indexOf(':');
    const name = line.slice(0, at).trim().toLowerCase();
    const value = line.slice(at + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const rest = raw.subarray(end + 4);
  const body = headers['transfer-encoding']?.includes('chunked') ? unchunk(rest) : rest;
  return { status, headers, body: body.toString('utf8') };
}

function unchunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd === -1) break;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
