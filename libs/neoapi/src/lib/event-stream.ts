import { type ClientRequestArgs, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createConnection, type NetConnectOpts } from 'node:net';
import { finished } from 'node:stream';
import { type SseMessage, SseParser } from './sse';

// A push stream never goes back to a pool: each has its own connection, closed with it.
const httpsAgent = new HttpsAgent({ keepAlive: false });
// What http.Agent does to connect: node:net with the request's normalised options (host, port…).
const connect = (options: ClientRequestArgs) => createConnection(options as NetConnectOpts);

/**
 * GETs a text/event-stream over node:http and resolves with the response
 * once its head has arrived (any status: the caller reads an error body).
 * Not fetch: a push stream stays open for an agent's whole shift, one per
 * logged-in agent, and fetch's response (WHATWG stream, its controller,
 * reader and request objects) keeps about 12 KiB more heap per open stream
 * than an IncomingMessage (issue 18 §3, measured with heap snapshots under
 * `npm run bench -- events`). Fails like node:http does: the system error
 * (its `code`), or the signal's AbortError.
 */
export function openEventStream(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const https = url.startsWith('https:');
  return new Promise((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)(
      url,
      // Over http, no agent at all: an agent keeps per connection a copy of the
      // request's options and four listeners closed over it (about 1 KiB of heap
      // per open stream, issue 18 §3) to manage a pool this connection never
      // joins. Over https, the agent also sets TLS up (SNI, session reuse).
      https
        ? { method: 'GET', headers, signal, agent: httpsAgent }
        : { method: 'GET', headers, signal, createConnection: connect },
      resolve,
    );
    req.once('error', reject);
    req.end();
  });
}

/**
 * Hands each message of an open event stream to `onMessage` as it arrives,
 * until the stream ends (resolves) or fails (rejects: a dropped connection,
 * the signal's abort, or what `onMessage` threw, which also closes it). No
 * message is handed over once `signal` has aborted. Read in flowing mode,
 * without an async iterator: see SseParser for why.
 */
export function followEventStream(
  res: IncomingMessage,
  signal: AbortSignal,
  onMessage: (message: SseMessage) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const parser = new SseParser((message) => {
      if (!signal.aborted) onMessage(message);
    });
    res.setEncoding('utf8');
    res.on('data', (text: string) => {
      try {
        parser.push(text);
      } catch (error) {
        res.destroy(error as Error);
      }
    });
    finished(res, (error) => {
      res.destroy();
      // An abort resets the connection under the response: the signal says why it ended.
      if (signal.aborted) reject(signal.reason);
      else if (error) reject(error);
      else resolve();
    });
  });
}
