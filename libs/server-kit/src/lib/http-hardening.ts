import { type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Headers on every answer of every Puente server (issue 14 §7). nosniff stops
 * a browser from running an answer as a script or a page because its bytes
 * look like one, whatever its Content-Type says.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
};

/** The body a server gives a request too malformed to reach its handlers (its own error shape). */
export type ClientErrorAnswer = (status: number) => {
  contentType: string;
  body: string;
  headers?: Record<string, string>;
};

export interface HardenOptions {
  clientErrorAnswer?: ClientErrorAnswer;
}

/**
 * Makes a Node HTTP server answer the same way whatever sits on it:
 *
 * - the security headers go on every answer, set before any listener runs,
 *   so routes, error handlers, socket.io's polling transport and listeners
 *   put in front of the framework (the IVR endpoint) all carry them;
 * - a request Node's parser refuses (a broken request line, headers over
 *   the size limit, a malformed chunked body) gets a short 4xx with those
 *   headers and the server's own error shape, instead of Node's bare answer.
 *
 * - once the server is closing (a node being stopped), every answer ends
 *   its keep-alive connection: Node's close() ends only the connections
 *   idle at that moment, so one busy then stayed open after its answer, a
 *   balancer kept sending requests down it to a node shutting down, and the
 *   stop waited until it idled out (docs/operations.md, rolling out).
 *
 * Call it once the app is initialised: listeners added later wrap this one.
 */
export function hardenHttpServer(server: Server, options: HardenOptions = {}): void {
  server.prependListener('request', (_req, res: ServerResponse) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    closeWhenServerCloses(server, res);
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) =>
    answerClientError(error, socket, options.clientErrorAnswer),
  );
}

/**
 * The answer's head says `Connection: close` when it is written after the
 * server began closing (Node then ends the connection after it); an answer
 * whose head went out before is followed by closing what is idle by then.
 * Every answer's head goes through writeHead (res.end() calls it too).
 */
function closeWhenServerCloses(server: Server, res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (!server.listening && !this.headersSent) this.setHeader('Connection', 'close');
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['writeHead'];
  res.once('finish', () => {
    if (!server.listening) setImmediate(() => server.closeIdleConnections());
  });
}

function answerClientError(error: NodeJS.ErrnoException, socket: Duplex, answer?: ClientErrorAnswer): void {
  // Node's own rule: no answer once one has started (or to a peer that has gone).
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const status = clientErrorStatus(error.code);
  const {
    contentType,
    body,
    headers = {},
  } = answer?.(status) ?? {
    contentType: 'text/plain; charset=utf-8',
    body: `${STATUS_CODES[status]}\n`,
  };
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    `Content-Type: ${contentType}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries({ ...headers, ...SECURITY_HEADERS }).map(([name, value]) => `${name}: ${value}`),
    'Connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}

function clientErrorStatus(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}
