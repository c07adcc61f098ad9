import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NeoApiClient } from './client';
import { NeoApiError } from './errors';
import { sendOverHttp } from './http-exchange';
import { formatSse } from './sse';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

describe('NeoApiClient over real HTTP', () => {
  let server: Server;
  let handler: Handler;
  let client: NeoApiClient;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => handler(req, body, res));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new NeoApiClient({ baseUrl: base, timeoutMs: 300 });
  });

  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });

  const json = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

  it('posts the method as JSON with the session token and returns the checked answer', async () => {
    let seen: { url?: string; auth?: string; body?: unknown } = {};
    handler = (req, body, res) => {
      seen = { url: req.url, auth: req.headers.authorization, body: JSON.parse(body) };
      json(res, 200, { ok: true, data: { pending: false } });
    };
    await expect(client.call('Pause', { breakStateId: '1' }, { token: 'tok' })).resolves.toEqual({
      pending: false,
    });
    expect(seen).toEqual({ url: '/neoapi/v1/Pause', auth: 'Bearer tok', body: { breakStateId: '1' } });
  });

  it('refuses a bad request before sending it', async () => {
    handler = () => {
      throw new Error('must not be called');
    };
    await expect(client.call('Send_DTMF', { callId: '1', digits: 'hello' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it("turns the dialer's refusal into a NeoApiError with its code", async () => {
    handler = (_req, _body, res) =>
      json(res, 409, { ok: false, error: { code: 'INVALID_STATE', message: 'no call to hang up' } });
    const error = await client.call('Hangup', { callId: '9' }, { token: 't' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NeoApiError);
    expect(error).toMatchObject({ code: 'INVALID_STATE', message: 'no call to hang up', status: 409 });
  });

  it('reports an answer that breaks the contract', async () => {
    handler = (_req, _body, res) => json(res, 200, { ok: true, data: { pending: 'maybe' } });
    await expect(client.call('Pause', { breakStateId: '1' })).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('fails with TIMEOUT when the dialer is slow and UNAVAILABLE when it is gone', async () => {
    handler = (_req, _body, res) => setTimeout(() => json(res, 200, { ok: true, data: {} }), 1000);
    await expect(client.call('Unpause', {}, { token: 't' })).rejects.toMatchObject({
      code: 'TIMEOUT',
      isUnavailable: true,
    });
    const gone = new NeoApiClient({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 500 });
    await expect(gone.call('Unpause', {})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('cuts an answer whose body stalls at the time-out, and leaves no timer behind an answered call', async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"ok":true,');
    };
    await expect(client.call('Unpause', {}, { token: 't' })).rejects.toMatchObject({ code: 'TIMEOUT' });
    // An answered call's deadline is gone: its signal is never aborted later (issue 18 §3: after
    // thousands of logins, thousands of late time-outs each built a DOMException at once).
    const signals: AbortSignal[] = [];
    const watched = new NeoApiClient({
      baseUrl: base,
      timeoutMs: 100,
      send: (url, call) => {
        signals.push(call.signal);
        return sendOverHttp(url, call);
      },
    });
    handler = (_req, _body, res) => json(res, 200, { ok: true, data: { pending: false } });
    await watched.call('Unpause', {}, { token: 't' });
    await new Promise((r) => setTimeout(r, 250));
    expect(signals.map((s) => s.aborted)).toEqual([false]);
  });

  it('tells "never reached the dialer" from "sent, no answer" (issue 15 §4)', async () => {
    // Refused: nothing left, so the dialer cannot have acted.
    const gone = new NeoApiClient({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 500 });
    const refused = await gone.call('Hold', { callId: '1' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'UNAVAILABLE', outcomeUnknown: false });
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const nobody = new NeoApiClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 500 });
    await expect(nobody.call('Hold', { callId: '1' })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('ECONNREFUSED'),
    });
    // The request arrived and the connection dropped before an answer: it may have acted.
    let arrived = 0;
    handler = (req) => {
      arrived++;
      req.socket.destroy();
    };
    const dropped = await client.call('Hold', { callId: '1' }, { token: 't' }).catch((e: unknown) => e);
    expect(arrived).toBe(1);
    expect(dropped).toMatchObject({ code: 'TIMEOUT', outcomeUnknown: true, isUnavailable: true });
    // No answer in time: the same.
    handler = () => undefined;
    const slow = await client.call('Hold', { callId: '1' }, { token: 't' }).catch((e: unknown) => e);
    expect(slow).toMatchObject({ code: 'TIMEOUT', outcomeUnknown: true });
    // A proxy's 504 says the same; its 502/503 say the dialer was not reached.
    handler = (_req, _body, res) =>
      res.writeHead(504, { 'content-type': 'text/html' }).end('<h1>timeout</h1>');
    await expect(client.call('Unpause', {})).rejects.toMatchObject({ code: 'TIMEOUT' });
    handler = (_req, _body, res) => res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>down</h1>');
    await expect(client.call('Unpause', {})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('reports an answer cut off half-way as an unknown outcome, not a crash', async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"ok": true, "da');
      setTimeout(() => res.destroy(), 20);
    };
    await expect(client.call('Unpause', {}, { token: 't' })).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it("keeps the caller's own abort an AbortError, not a dialer failure", async () => {
    handler = () => undefined;
    const abort = new AbortController();
    const pending = client.call('Unpause', {}, { token: 't', signal: abort.signal }).catch((e: unknown) => e);
    setTimeout(() => abort.abort(), 20);
    const error = await pending;
    expect(error).not.toBeInstanceOf(NeoApiError);
    expect(error).toMatchObject({ name: 'AbortError' });
  });

  it('sends method calls over node:http on kept-alive connections, never through fetch (issue 18 §3)', async () => {
    const sockets = new Set<unknown>();
    handler = (req, _body, res) => {
      sockets.add(req.socket);
      json(res, 200, { ok: true, data: { pending: false } });
    };
    const fetched = jest.spyOn(globalThis, 'fetch');
    try {
      for (let i = 0; i < 3; i++) await client.call('Unpause', {}, { token: 't' });
      await expect(client.call('Pause', { breakStateId: '2' }, { token: 't' })).resolves.toEqual({
        pending: false,
      });
    } finally {
      fetched.mockRestore();
    }
    expect(fetched).not.toHaveBeenCalled();
    // One after the other: the four calls share one connection.
    expect(sockets.size).toBe(1);
  });

  it("closes an idle connection before the server's keep-alive time-out, so no call meets a closing one", async () => {
    const sockets = new Set<unknown>();
    handler = (req, _body, res) => {
      sockets.add(req.socket);
      json(res, 200, { ok: true, data: { pending: false } });
    };
    const keepAlive = server.keepAliveTimeout;
    server.keepAliveTimeout = 2000; // announced as Keep-Alive: timeout=2: the client keeps it 1 s
    try {
      await client.call('Unpause', {}, { token: 't' });
      await new Promise((r) => setTimeout(r, 1300));
      await client.call('Unpause', {}, { token: 't' });
    } finally {
      server.keepAliveTimeout = keepAlive;
    }
    expect(sockets.size).toBe(2);
  });

  it('reads the health probe', async () => {
    handler = (req, _body, res) => json(res, req.url === '/health' ? 200 : 404, { status: 'ok' });
    await expect(client.health()).resolves.toBeUndefined();
    handler = (_req, _body, res) => json(res, 503, { status: 'starting' });
    await expect(client.health()).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: 'dialer health: starting',
    });
  });

  it('maps an HTML error page to UNAVAILABLE', async () => {
    handler = (_req, _body, res) =>
      res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
    await expect(client.call('Unpause', {})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('reads the push stream as typed events, skipping keep-alives', async () => {
    handler = (req, _body, res) => {
      expect(req.url).toBe('/neoapi/v1/events?after=4');
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': keep-alive\n\n');
      res.write(
        formatSse({
          id: 5,
          event: 'CallHeld',
          data: JSON.stringify({
            seq: 5,
            agentId: 'a1',
            at: 'now',
            type: 'CallHeld',
            data: { callId: 'c1' },
          }),
        }),
      );
      res.end(
        formatSse({
          id: 6,
          event: 'CallResumed',
          data: JSON.stringify({
            seq: 6,
            agentId: 'a1',
            at: 'now',
            type: 'CallResumed',
            data: { callId: 'c1' },
          }),
        }),
      );
    };
    const seen: number[] = [];
    for await (const event of client.events('tok', 4, new AbortController().signal)) seen.push(event.seq);
    expect(seen).toEqual([5, 6]);
  });

  it("turns the push stream's refusal into a NeoApiError with the code of its body", async () => {
    handler = (_req, _body, res) =>
      json(res, 401, { ok: false, error: { code: 'NOT_LOGGED_IN', message: 'session expired' } });
    const error = await client
      .follow('stale', { after: 0, signal: new AbortController().signal }, () => undefined)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NeoApiError);
    expect(error).toMatchObject({ code: 'NOT_LOGGED_IN', message: 'session expired', status: 401 });
  });
});
