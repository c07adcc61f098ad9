import fc from 'fast-check';
import { SECURITY_HEADERS } from '../lib/http-hardening';
import { type RawAnswer, rawHttp } from './raw-http';

/** The server under test, and the routes the hostile requests aim at. */
export interface HostileTarget {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** A route that answers 200 to a plain GET: the "next good request". */
  healthPath: string;
  /** A route that reads a JSON body, with whatever headers get a request as far as reading it. */
  jsonPath?: string;
  /** How `jsonPath` is called; POST by default. */
  jsonMethod?: 'POST' | 'PUT' | 'PATCH';
  jsonHeaders?: Record<string, string>;
  /** The JSON body limit of `jsonPath`, in bytes. */
  bodyLimitBytes?: number;
}

/**
 * What survives a request: `4xx` (the default) a client error; `not-5xx`
 * any answer but a server error (a route may ignore what is malformed);
 * `4xx-or-closed` also closing without an answer (a body cut short).
 */
export type Verdict = '4xx' | 'not-5xx' | '4xx-or-closed';

export interface HostileCase {
  name: string;
  request: string;
  halfClose?: boolean;
  verdict?: Verdict;
  /** An exact status when the protocol fixes one. */
  status?: number;
}

const head = (method: string, target: string, headers: string[] = []): string =>
  [`${method} ${target} HTTP/1.1`, 'Host: puente.test', 'Connection: close', ...headers, '', ''].join('\r\n');

const post = (target: HostileTarget, headers: string[], body: string): string =>
  head(target.jsonMethod ?? 'POST', target.jsonPath ?? '/', [
    ...Object.entries(target.jsonHeaders ?? {}).map(([name, value]) => `${name}: ${value}`),
    ...headers,
  ]) + body;

/**
 * Requests no client library would send (issue 14 §3): malformed URLs,
 * broken framing, bodies that lie about their encoding or size. Every
 * server must answer each with a 4xx (or close on a body cut short), never
 * a 5xx, never a crash, never a connection left hanging; and keep serving.
 */
export function hostileRequests(target: HostileTarget): HostileCase[] {
  const cases: HostileCase[] = [
    { name: 'malformed percent-encoding in the path', request: head('GET', '/%E0%A4%A') },
    { name: 'an invalid escape in the path', request: head('GET', '/%ZZ/..%2F..%2Fetc%2Fpasswd') },
    {
      name: 'malformed percent-encoding in the query',
      request: head('GET', `${target.healthPath}?q=%E0%A4%A&%ZZ=%`),
      verdict: 'not-5xx',
    },
    { name: 'a NUL byte in the path', request: head('GET', '/a%00b.js') },
    { name: 'an 8 KB path', request: head('GET', `/${'a/'.repeat(4096)}`) },
    {
      name: 'a header section over 16 KB',
      request: head('GET', target.healthPath, [`X-Padding: ${'p'.repeat(20_000)}`]),
      status: 431,
    },
    { name: 'an HTTP version that does not exist', request: head('GET', '/ HTTP/9.9 extra'), status: 400 },
    { name: 'an unknown method', request: head('BREW', target.healthPath), status: 400 },
    { name: 'bytes that are not HTTP at all', request: '\u0000\u0001\u0002 garbage\r\n\r\n', status: 400 },
    {
      name: 'two different Content-Length headers',
      request: head('POST', target.healthPath, ['Content-Length: 2', 'Content-Length: 3']) + '{}',
      status: 400,
    },
  ];
  if (!target.jsonPath) return cases;
  const json = ['Content-Type: application/json'];
  const sized = (body: string, headers = json) =>
    post(target, [...headers, `Content-Length: ${body.length}`], body);
  const deep = '['.repeat(20_000) + ']'.repeat(20_000);
  return [
    ...cases,
    { name: 'a body that is not valid JSON', request: sized('{"user": "agent01", ') },
    {
      name: 'JSON in a charset no JSON parser reads',
      request: sized('{"a":1}', ['Content-Type: application/json; charset=latin1']),
    },
    {
      name: 'gzip declared on a plain body',
      request: sized('{"a":1}', [...json, 'Content-Encoding: gzip']),
    },
    {
      name: 'an unknown Content-Encoding',
      request: sized('{"a":1}', [...json, 'Content-Encoding: x-puente-bogus']),
    },
    {
      name: 'a body over the limit',
      request: sized(`{"a":"${'x'.repeat((target.bodyLimitBytes ?? 102_400) + 10)}"}`),
      status: 413,
    },
    {
      name: 'a text/plain body',
      request: sized('{"a":1}', ['Content-Type: text/plain']),
      verdict: 'not-5xx',
    },
    { name: 'JSON nested 20 000 deep', request: sized(deep), verdict: 'not-5xx' },
    {
      name: 'a chunked body cut short',
      request: post(target, [...json, 'Transfer-Encoding: chunked'], '40\r\n{"a":'),
      halfClose: true,
      verdict: '4xx-or-closed',
    },
    {
      name: 'a malformed chunk size',
      request: post(target, [...json, 'Transfer-Encoding: chunked'], 'zz\r\n{"a":1}\r\n0\r\n\r\n'),
      verdict: '4xx-or-closed',
    },
    {
      name: 'a Content-Length larger than the body',
      request: post(target, [...json, 'Content-Length: 500'], '{"a":1}'),
      halfClose: true,
      verdict: '4xx-or-closed',
    },
  ];
}

/** What is wrong with how the server took a hostile request; undefined when nothing is. */
export function judge(hostile: HostileCase, answer: RawAnswer | null): string | undefined {
  const verdict = hostile.verdict ?? '4xx';
  if (answer === null)
    return verdict === '4xx-or-closed' ? undefined : 'the server closed the connection without answering';
  if (hostile.status !== undefined && answer.status !== hostile.status)
    return `answered ${answer.status}, expected ${hostile.status}`;
  if (answer.status >= 500) return `answered ${answer.status}: a server error for the client's mistake`;
  if (verdict !== 'not-5xx' && (answer.status < 400 || answer.status > 499))
    return `answered ${answer.status}, expected a 4xx`;
  for (const [name, value] of Object.entries(SECURITY_HEADERS))
    if (answer.headers[name.toLowerCase()] !== value) return `answered without ${name}: ${value}`;
  return undefined;
}

/** Sends one hostile request and judges the answer; then checks that a good request still works. */
export async function tryHostile(target: HostileTarget, hostile: HostileCase): Promise<string | undefined> {
  const answer = await rawHttp(target.url, hostile.request, { halfClose: hostile.halfClose });
  return judge(hostile, answer) ?? (await stillServing(target));
}

/** Undefined when a plain GET of the health route answers 200, what went wrong otherwise. */
export async function stillServing(target: HostileTarget): Promise<string | undefined> {
  try {
    const res = await fetch(`${target.url}${target.healthPath}`, { signal: AbortSignal.timeout(5000) });
    return res.status === 200 ? undefined : `the next good request answered ${res.status}`;
  } catch (error) {
    return `the next good request failed: ${(error as Error).message}`;
  }
}

/** Request targets from fragments that break naive decoding and path handling, for property tests. */
export const requestTargets: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '%',
        '%E0',
        '%A4',
        '%A',
        '%00',
        '%ZZ',
        '%2F',
        '%2E%2E',
        '..',
        '/',
        '//',
        '?',
        '#',
        ';',
        '&',
        '=',
      ),
      fc.stringMatching(/^[A-Za-z0-9._~!$'()*+,:@-]{1,8}$/),
    ),
    { maxLength: 24 },
  )
  .map((parts) => `/${parts.join('')}`);
