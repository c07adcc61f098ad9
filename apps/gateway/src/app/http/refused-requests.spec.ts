import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { rawHttp } from '@puente/server-kit/testing';
import { CapturedLogs } from '../../testing/captured-logs';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness } from '../../testing/gateway-harness';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LOGIN = { device: '2001', user: 'agent1', password: 'secret' };

/**
 * Issue 14 §4, §6, §7, §8 over real HTTP: what the gateway answers to bodies
 * it will not read, which request ids it takes from a client, and the
 * headers on every answer.
 */
describe('requests the gateway refuses, and how it answers them', () => {
  let dialer: FakeNeoApiServer;
  let gw: GatewayHarness;
  const logs = new CapturedLogs();

  beforeAll(async () => {
    dialer = await startFakeDialer();
    gw = await new GatewayHarness({ dialerUrl: dialer.url, logger: logs }).start();
  });
  afterAll(async () => {
    await gw.stop();
    await dialer.stop();
  });

  async function send(
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
    const res = await fetch(`${gw.url}${path}`, { method: init.method ?? 'POST', ...init });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  }

  const logins = () => dialer.calls.filter((c) => c.method === 'Login').length;

  /** The refusal is logged once at WARN with its request id, with no stack, and nothing at ERROR. */
  function expectWarnedWithoutStack(requestId: string): void {
    const about = logs.about(requestId);
    expect(about.filter((e) => e.level === 'error')).toEqual([]);
    const warned = about.filter((e) => e.level === 'warn');
    expect(warned).toHaveLength(1);
    expect(warned[0].text).not.toMatch(/stack|\n\s+at /);
  }

  describe('body errors: 413 / 415 / 400 with the stable shape, never 500 (§4)', () => {
    it('a JSON body over the limit → 413 PAYLOAD_TOO_LARGE, the connection closed', async () => {
      const res = await send('/api/v1/sessions', {
        headers: { 'content-type': 'application/json', 'x-request-id': 'trace-too-large-1' },
        body: JSON.stringify({ ...LOGIN, password: 'x'.repeat(150_000) }),
      });
      expect(res.status).toBe(413);
      expect(res.body).toEqual({
        code: 'PAYLOAD_TOO_LARGE',
        message: 'The request body is too large.',
        details: { limitBytes: 102_400 },
        requestId: 'trace-too-large-1',
      });
      expect(res.headers.get('x-request-id')).toBe('trace-too-large-1');
      expectWarnedWithoutStack('trace-too-large-1');
    });

    it('a huge body still arriving is answered 413 at once and its connection closed, not read', async () => {
      const answer = await rawHttp(
        gw.url,
        [
          'POST /api/v1/sessions HTTP/1.1',
          'Host: gateway',
          'Content-Type: application/json',
          `Content-Length: ${10 * 1024 * 1024}`,
          '',
          `{"password": "${'x'.repeat(1000)}`,
        ].join('\r\n'),
        { timeoutMs: 3000 },
      );
      expect(answer?.status).toBe(413);
      expect(answer?.headers['connection']).toBe('close');
    });

    it.each(['gzip', 'br', 'deflate', 'x-bogus'])(
      'Content-Encoding: %s on a plain body → 415 UNSUPPORTED_MEDIA_TYPE',
      async (encoding) => {
        const requestId = `trace-encoding-${encoding}`;
        const before = logins();
        const res = await send('/api/v1/sessions', {
          headers: {
            'content-type': 'application/json',
            'content-encoding': encoding,
            'x-request-id': requestId,
          },
          body: JSON.stringify(LOGIN),
        });
        expect(res.status).toBe(415);
        expect(res.body).toEqual({
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: 'The request body must not be compressed (no Content-Encoding).',
          requestId,
        });
        expect(res.headers.get('x-request-id')).toBe(requestId);
        expect(logins()).toBe(before);
        expectWarnedWithoutStack(requestId);
      },
    );

    it('a charset JSON is never written in → 415; UTF-8 in any spelling is read', async () => {
      const refused = await send('/api/v1/sessions', {
        headers: { 'content-type': 'application/json; charset=latin1', 'x-request-id': 'trace-charset-1' },
        body: JSON.stringify(LOGIN),
      });
      expect(refused).toMatchObject({
        status: 415,
        body: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The request body must be UTF-8.' },
      });
      expectWarnedWithoutStack('trace-charset-1');
      for (const type of [
        'application/json; charset=utf-8',
        'application/json;charset=UTF-8',
        'Application/JSON',
      ]) {
        const res = await send('/api/v1/sessions', {
          headers: { 'content-type': type },
          body: JSON.stringify(LOGIN),
        });
        expect([type, res.status]).toEqual([type, 201]);
      }
    });

    it('malformed JSON → 400 VALIDATION_FAILED, logged at WARN', async () => {
      const res = await send('/api/v1/sessions', {
        headers: { 'content-type': 'application/json', 'x-request-id': 'trace-bad-json-1' },
        body: '{"device": "2001", ',
      });
      expect(res).toMatchObject({
        status: 400,
        body: {
          code: 'VALIDATION_FAILED',
          message: 'The request body is not valid JSON.',
          requestId: 'trace-bad-json-1',
        },
      });
      expect(res.headers.get('x-request-id')).toBe('trace-bad-json-1');
      expectWarnedWithoutStack('trace-bad-json-1');
    });

    it('a body the client abandons half-way is logged at WARN, never ERROR, and the gateway serves on', async () => {
      const answer = await rawHttp(
        gw.url,
        [
          'POST /api/v1/sessions HTTP/1.1',
          'Host: gateway',
          'Connection: close',
          'Content-Type: application/json',
          'Content-Length: 400',
          'X-Request-Id: trace-aborted-1',
          '',
          '{"device": "2001"',
        ].join('\r\n'),
        { halfClose: true },
      );
      expect(answer === null || answer.status === 400).toBe(true);
      for (let i = 0; i < 50 && logs.about('trace-aborted-1').length === 0; i++)
        await new Promise((r) => setTimeout(r, 20));
      expectWarnedWithoutStack('trace-aborted-1');
      expect((await fetch(`${gw.url}/health/live`)).status).toBe(200);
    });
  });

  describe('JSON only: no form or text body reaches a handler (§6)', () => {
    it.each([
      [
        'a form-encoded login',
        'application/x-www-form-urlencoded',
        'device=2001&user=agent1&password=secret',
      ],
      ['a text/plain login (a CORS "simple" request)', 'text/plain', JSON.stringify(LOGIN)],
      [
        'a multipart login',
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="user"\r\n\r\nagent1\r\n--x--',
      ],
      ['a JSON-looking type that is not JSON', 'application/jsonp', JSON.stringify(LOGIN)],
    ])('%s → 415 before the dialer is asked', async (_label, type, body) => {
      const before = logins();
      const res = await send('/api/v1/sessions', { headers: { 'content-type': type }, body });
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'The request body must be JSON (Content-Type: application/json).',
      });
      expect(res.body['requestId']).toMatch(UUID);
      expect(logins()).toBe(before);
    });

    it('a body with no Content-Type at all → 415', async () => {
      const before = logins();
      const res = await rawHttp(
        gw.url,
        `POST /api/v1/sessions HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\nContent-Length: ${JSON.stringify(LOGIN).length}\r\n\r\n${JSON.stringify(LOGIN)}`,
      );
      expect(res?.status).toBe(415);
      expect(logins()).toBe(before);
    });

    it('refuses a form body on every route that takes one, e.g. the refresh', async () => {
      const res = await send('/api/v1/sessions/refresh', {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'refreshToken=abc',
      });
      expect(res).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    });

    it('still logs in with JSON, and a POST with no body needs no Content-Type', async () => {
      const session = await gw.login('agent1');
      const res = await send('/api/v1/sessions/refresh', { headers: {}, body: '' });
      expect(res.status).toBe(400);
      expect(res.body['code']).toBe('VALIDATION_FAILED');
      expect(session.accessToken).toBeTruthy();
    });
  });

  describe('request ids: a safe client id is kept, anything else replaced (§8)', () => {
    it('echoes a safe X-Request-Id in the header and in error bodies', async () => {
      const res = await send('/api/v1/no-such-route', {
        method: 'GET',
        headers: { 'x-request-id': 'trace:abc-123_4.5' },
      });
      expect(res.status).toBe(404);
      expect(res.headers.get('x-request-id')).toBe('trace:abc-123_4.5');
      expect(res.body['requestId']).toBe('trace:abc-123_4.5');
    });

    it.each([
      ['markup', '<script>alert(1)</script>'],
      ['too short', 'xyz12'],
      ['too long', 'a'.repeat(129)],
      ['spaces', 'two words here'],
      ['a log-forging attempt', 'ok"}{"level":"fatal'],
    ])('replaces %s with a fresh id, also on errors raised before any route', async (_label, id) => {
      for (const res of [
        await send('/api/v1/sessions', {
          headers: { 'content-type': 'application/json', 'x-request-id': id },
          body: '{"broken": ',
        }),
        await send('/api/v1/no-such-route', { method: 'GET', headers: { 'x-request-id': id } }),
      ]) {
        const header = res.headers.get('x-request-id');
        expect(header).toMatch(UUID);
        expect(res.body['requestId']).toBe(header);
        expect(JSON.stringify(res.body)).not.toContain(id);
      }
    });

    it('gives an id to every answer, a malformed path included', async () => {
      const answer = await rawHttp(
        gw.url,
        'GET /api/v1/%E0%A4%A HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\n\r\n',
      );
      expect(answer?.status).toBe(400);
      expect(answer?.headers['x-request-id']).toMatch(UUID);
      expect(JSON.parse(answer?.body ?? '{}')).toMatchObject({
        code: 'VALIDATION_FAILED',
        requestId: answer?.headers['x-request-id'],
      });
    });
  });

  describe('X-Content-Type-Options: nosniff on every answer (§7)', () => {
    it.each([
      ['a health check', 'GET', '/health/live', 200],
      ['an unknown route', 'GET', '/nothing-here', 404],
      ['a refusal', 'GET', '/api/v1/crm/search?q=x', 401],
      ['a refused body', 'POST', '/api/v1/sessions', 415],
      ["socket.io's polling transport", 'GET', '/socket.io/?EIO=4&transport=polling', 200],
    ])('%s', async (_label, method, path, status) => {
      const res = await fetch(`${gw.url}${path}`, {
        method,
        ...(method === 'POST' ? { headers: { 'content-type': 'text/plain' }, body: 'x' } : {}),
      });
      expect(res.status).toBe(status);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    });
  });
});
