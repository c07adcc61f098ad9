import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { finished } from 'node:stream';
import { type SseMessage, SseParser } from './sse';

// A push stream never goes back to a pool: each has its own connection, closed with it.
const httpAgent = new HttpAgent({ keepAlive: false });
const httpsAgent = new HttpsAgent({ keepAlive: false });

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
      { method: 'GET', headers, signal, agent: https ? httpsAgent : httpAgent },
      resolve,
    );
    req.once('error', reject);
    req.end();
  });
}

/** The whole body of a (short, error) response as text. */
export async function readText(res: IncomingMessage): Promise<string> {
  res.setEncoding('utf8');
  let text = '';
  for await (const chunk of res) text += chunk as string;
  return text;
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
