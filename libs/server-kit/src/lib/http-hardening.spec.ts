import { Agent, createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { json } from 'express';
import { rawHttp } from '../testing/raw-http';
import { hardenHttpServer } from './http-hardening';
import { refusedBodyOf } from './refused-body';

describe('hardenHttpServer', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((_req, res) => res.end('ok'));
    hardenHttpServer(server, {
      clientErrorAnswer: (status) => ({
        contentType: 'application/json',
        body: JSON.stringify({ status }),
        headers: { 'X-Request-Id': 'fresh-id-123' },
      }),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('puts nosniff on answers its handlers write', async () => {
    const res = await fetch(url);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    ['a header section over 16 KB', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`, 431],
    ['bytes that are not HTTP', 'NOT HTTP\r\n\r\n', 400],
  ])('answers %s in the service shape, with nosniff, and closes', async (_label, request, status) => {
    const answer = await rawHttp(url, request);
    expect(answer).toMatchObject({
      status,
      headers: { 'x-content-type-options': 'nosniff', 'x-request-id': 'fresh-id-123', connection: 'close' },
    });
    expect(JSON.parse(answer?.body ?? '{}')).toEqual({ status });
  });
});

describe('hardenHttpServer: a server that is closing', () => {
  /**
   * A deployment stops a node while a balancer (nginx's upstream keepalive)
   * or a browser holds keep-alive connections to it. Node's close() ends
   * only the connections idle at that moment: one busy then stayed open
   * after its answer, free for the client to send more requests to a node
   * that is shutting down, and the stop waited until it idled out.
   */
  it('ends a busy keep-alive connection once its answer is sent: the answer says close, the server closes', async () => {
    let answer: () => void = () => undefined;
    const server = createServer((_req, res) => {
      answer = () => res.end('late');
    });
    // Longer than the test: only closing the connection lets the server close in time.
    server.keepAliveTimeout = 60_000;
    hardenHttpServer(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true, keepAliveMsecs: 60_000 });
    try {
      const response = new Promise<IncomingMessage>((resolve, reject) =>
        request({ host: '127.0.0.1', port, agent }, resolve).on('error', reject).end(),
      );
      await new Promise((r) => setTimeout(r, 50));
      let closed = false;
      const closing = new Promise<void>((resolve) =>
        server.close(() => {
          closed = true;
          resolve();
        }),
      );
      answer();
      const res = await response;
      res.resume();
      expect(res.headers.connection).toBe('close');
      await Promise.race([closing, new Promise((r) => setTimeout(r, 2000))]);
      expect(closed).toBe(true);
    } finally {
      agent.destroy();
      server.closeAllConnections();
    }
  });
});

describe('refusedBodyOf', () => {
  /** What Express's JSON parser passes on for a request. */
  function parserError(headers: Record<string, string>, body: string): Promise<unknown> {
    const server = createServer((req, res) =>
      json({ limit: 10, inflate: false })(req as never, res as never, (error?: unknown) => {
        res.end();
        server.close();
        resolveError(error);
      }),
    );
    let resolveError: (e: unknown) => void = () => undefined;
    const result = new Promise<unknown>((r) => (resolveError = r));
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      void fetch(`http://127.0.0.1:${port}`, { method: 'POST', headers, body }).catch(() => undefined);
    });
    return result;
  }

  it.each([
    [
      'too large',
      { 'content-type': 'application/json' },
      `{"a":"${'x'.repeat(20)}"}`,
      413,
      'entity.too.large',
    ],
    [
      'compressed',
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      '{}',
      415,
      'encoding.unsupported',
    ],
    ['in latin1', { 'content-type': 'application/json; charset=latin1' }, '{}', 415, 'charset.unsupported'],
    ['not JSON', { 'content-type': 'application/json' }, '{"a', 400, 'entity.parse.failed'],
  ])('names a body %s with its status and reason', async (_label, headers, body, status, reason) => {
    expect(refusedBodyOf(await parserError(headers, body))).toMatchObject({ status, reason });
  });

  it('leaves every other error alone', () => {
    expect(refusedBodyOf(new Error('database down'))).toBeUndefined();
    expect(refusedBodyOf(Object.assign(new Error('boom'), { status: 500, expose: false }))).toBeUndefined();
    expect(refusedBodyOf('not an error')).toBeUndefined();
  });
});
