import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** One request as NeoApiClient sends it: a method call (POST, JSON) or a health probe (GET). */
export interface OutgoingCall {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

/**
 * The answer's status and whole body. Fails with node:http's error (its
 * `code`) or an AbortError; an answer that began and was cut off fails with
 * an AnswerCutOff.
 */
export interface CallAnswer {
  status: number;
  text: string;
}

/** Sends one call and reads its whole answer. Injectable so a test can watch what the client sends. */
export type SendCall = (url: string, call: OutgoingCall) => Promise<CallAnswer>;

/**
 * Method calls share kept-alive connections. An idle one is closed after
 * 4 s, or a second before the server's `Keep-Alive: timeout=` hint if that
 * is sooner, so a call is not written on a connection the server is
 * closing (its reset would make the outcome unknown). node:http applies
 * the hint only when the agent has a time-out of its own.
 */
const IDLE_MS = 4000;
const httpAgent = new HttpAgent({ keepAlive: true, timeout: IDLE_MS });
const httpsAgent = new HttpsAgent({ keepAlive: true, timeout: IDLE_MS });

/**
 * A method call over node:http. Not fetch: a shift's logins send thousands
 * of calls within seconds, and each fetch builds a WHATWG request, a
 * teed body stream, a response stream and their controllers. Under that
 * burst those objects outlive two scavenges, reach V8's old generation and
 * leave it reserved long after (issue 18 §3, `npm run bench -- events`:
 * about two thirds of what the logins promoted came from fetch).
 */
export const sendOverHttp: SendCall = (url, call) => {
  const https = url.startsWith('https:');
  const headers =
    call.body === undefined
      ? call.headers
      : { ...call.headers, 'content-length': String(Buffer.byteLength(call.body)) };
  return new Promise<CallAnswer>((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)(
      url,
      { method: call.method, headers, signal: call.signal, agent: https ? httpsAgent : httpAgent },
      (res) => readWhole(res).then((text) => resolve({ status: res.statusCode ?? 0, text }), reject),
    );
    req.once('error', reject);
    req.end(call.body);
  });
};

/** The dialer began answering (so it saw the request) and the answer did not arrive whole. */
export class AnswerCutOff extends Error {
  constructor(readonly reason: unknown) {
    super('the answer was cut off');
  }
}

/** The whole body as text, or an AnswerCutOff (the connection dropped, the signal aborted). */
export function readWhole(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.once('end', () => resolve(text));
    res.once('error', (error) => reject(new AnswerCutOff(error)));
    // A connection that drops mid-body may close the response without an error.
    res.once('close', () => {
      if (!res.complete) reject(new AnswerCutOff(undefined));
    });
  });
}
