import { createHook } from 'node:async_hooks';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NeoApiClient } from './client';
import { openEventStream } from './event-stream';
import type { SendCall } from './http-exchange';
import { formatSse } from './sse';

/** The agent's push stream as NeoApiClient.events reads it (node:http, not fetch: issue 18 §3). */
describe('NeoApiClient.events: the push stream', () => {
  let server: Server;
  let handler: (req: IncomingMessage, res: ServerResponse) => void;
  let base: string;
  let client: NeoApiClient;
  /** Connections to the fake dialer still open. */
  const open = new Set<unknown>();

  beforeAll(async () => {
    server = createServer((req, res) => handler(req, res));
    server.on('connection', (socket) => {
      open.add(socket);
      socket.once('close', () => open.delete(socket));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The method calls' transport is not the push stream's: a stream read through it would fail here.
    const noCalls: SendCall = () => Promise.reject(new Error('the push stream must not go through send'));
    client = new NeoApiClient({ baseUrl: base, timeoutMs: 500, send: noCalls });
  });

  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });

  const event = (seq: number) =>
    formatSse({
      id: seq,
      event: 'CallHeld',
      data: JSON.stringify({ seq, agentId: 'a1', at: 'now', type: 'CallHeld', data: { callId: 'c1' } }),
    });

  const until = async (done: () => boolean) => {
    for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
    return done();
  };

  it('reads the events over its own connection, with the token and cursor, not through fetch', async () => {
    let seen: { url?: string; auth?: string; accept?: string } = {};
    handler = (req, res) => {
      seen = { url: req.url, auth: req.headers.authorization, accept: req.headers.accept };
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': connected\n\n');
      // One event split across two writes, and a multi-byte character across the split.
      const text = event(5).replace('c1', 'ç1');
      const bytes = Buffer.from(text);
      const cut = bytes.indexOf(Buffer.from('ç')) + 1;
      res.write(bytes.subarray(0, cut));
      setTimeout(() => res.end(Buffer.concat([bytes.subarray(cut), Buffer.from(event(6))])), 20);
    };
    const got: unknown[] = [];
    for await (const e of client.events('tok', 4, new AbortController().signal, 'run 2')) got.push(e);
    expect(seen).toEqual({
      url: '/neoapi/v1/events?after=4&epoch=run%202',
      auth: 'Bearer tok',
      accept: 'text/event-stream',
    });
    expect(got).toEqual([
      { seq: 5, agentId: 'a1', at: 'now', type: 'CallHeld', data: { callId: 'ç1' } },
      { seq: 6, agentId: 'a1', at: 'now', type: 'CallHeld', data: { callId: 'c1' } },
    ]);
  });

  it('opens each stream on a connection of its own, outside any pool (no agent kept per stream)', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(event(1));
    };
    const abort = new AbortController();
    const [one, two] = await Promise.all([
      openEventStream(`${base}/neoapi/v1/events`, {}, abort.signal),
      openEventStream(`${base}/neoapi/v1/events`, {}, abort.signal),
    ]);
    expect(one.socket).not.toBe(two.socket);
    expect(open.size).toBe(2);
    // http.Agent would keep a copy of the options and four listeners per connection (issue 18 §3).
    expect((one as IncomingMessage & { req: { agent?: unknown } }).req.agent).toBeUndefined();
    abort.abort();
    expect(await until(() => open.size === 0)).toBe(true);
  });

  it("fails with the dialer's code when it refuses the stream", async () => {
    handler = (_req, res) =>
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: false, error: { code: 'NOT_LOGGED_IN', message: 'log in first' } }));
    await expect(client.events('old', 0, new AbortController().signal).next()).rejects.toMatchObject({
      code: 'NOT_LOGGED_IN',
      status: 401,
    });
    handler = (_req, res) => res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>down</h1>');
    await expect(client.events('t', 0, new AbortController().signal).next()).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
  });

  it('fails with UNAVAILABLE when the dialer cannot be reached', async () => {
    const gone = new NeoApiClient({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 500 });
    await expect(gone.events('t', 0, new AbortController().signal).next()).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('closes the connection when the reader stops, and when the signal aborts', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(event(1));
    };
    // The reader breaks off after the first event.
    for await (const e of client.events('t', 0, new AbortController().signal)) if (e.seq === 1) break;
    expect(await until(() => open.size === 0)).toBe(true);

    const abort = new AbortController();
    const stream = client.events('t', 0, abort.signal);
    expect((await stream.next()).value).toMatchObject({ seq: 1 });
    const waiting = stream.next();
    abort.abort();
    await expect(waiting).rejects.toThrow();
    expect(await until(() => open.size === 0)).toBe(true);
  });

  it('follows a stream without a promise per event: the events are pushed to the callback', async () => {
    const count = 500;
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': connected\n\n');
      setTimeout(() => {
        for (let seq = 1; seq <= count; seq++) res.write(event(seq));
      }, 20);
    };
    let promises = 0;
    const hook = createHook({
      init: (_id, type) => {
        if (type === 'PROMISE') promises++;
      },
    });
    const abort = new AbortController();
    const seqs: number[] = [];
    let following: Promise<void> | undefined;
    await new Promise<void>((allArrived) => {
      hook.enable();
      following = client.follow('t', { after: 0, signal: abort.signal }, (e) => {
        seqs.push(e.seq);
        if (e.seq === count) allArrived();
      });
    });
    hook.disable();
    expect(seqs).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    // Opening the stream takes a few; a pulled chain (async generators) takes several per event.
    expect(promises).toBeLessThan(20);
    abort.abort();
    await expect(following).rejects.toMatchObject({ name: 'AbortError' });
    expect(await until(() => open.size === 0)).toBe(true);
  });

  it('hands over nothing after the signal aborts, and fails with what the callback threw', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(event(1) + event(2) + event(3));
    };
    const abort = new AbortController();
    const seen: number[] = [];
    await expect(
      client.follow('t', { after: 0, signal: abort.signal }, (e) => {
        seen.push(e.seq);
        if (e.seq === 1) abort.abort();
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([1]);
    expect(await until(() => open.size === 0)).toBe(true);

    const failure = new Error('the consumer failed');
    const seenToo: number[] = [];
    await expect(
      client.follow('t', { after: 0, signal: new AbortController().signal }, (e) => {
        seenToo.push(e.seq);
        if (e.seq === 2) throw failure;
      }),
    ).rejects.toBe(failure);
    expect(seenToo).toEqual([1, 2]);
    expect(await until(() => open.size === 0)).toBe(true);
  });
});
