import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { from, isObservable, mergeAll, type Observable, of } from 'rxjs';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { PuenteIoAdapter, releaseUpgradeRequests } from './puente-io.adapter';

/** What Nest's WebSocketsController hands the adapter: the handler's result, whatever its kind, as an observable. */
const nestTransform = (result: unknown): Observable<unknown> =>
  from(Promise.resolve(result).then((value) => (isObservable(value) ? value : of(value)))).pipe(mergeAll());

class FakeSocket extends EventEmitter {
  disconnected = false;
  readonly emitted: unknown[][] = [];
  /** A message from the client, with an ack callback as socket.io passes it. */
  send(message: string, data: unknown): Promise<unknown> {
    return new Promise((resolve) => super.emit(message, data, resolve));
  }
  override emit(event: string, ...args: unknown[]): boolean {
    this.emitted.push([event, ...args]);
    return true;
  }
}

const handler = (message: string, callback: (data: unknown) => unknown, manual = false) =>
  ({ message, methodName: message, callback, isAckHandledManually: manual }) as MessageMappingProperties;

/**
 * The gateway binds its socket message handlers without Nest's per-socket
 * rxjs chain (issue 18 §3: memory per connected agent), keeping Nest's
 * contract for acks and named answers.
 */
describe('PuenteIoAdapter.bindMessageHandlers', () => {
  const adapter = new PuenteIoAdapter({} as never, ['*']);
  const bind = (socket: FakeSocket, handlers: MessageMappingProperties[]) =>
    adapter.bindMessageHandlers(socket as never, handlers, nestTransform);

  it('adds one listener per message and none on disconnect (no rxjs chain kept per socket)', () => {
    const socket = new FakeSocket();
    bind(socket, [handler('resume', () => 1), handler('board.sync', () => 2)]);
    expect(socket.eventNames().sort()).toEqual(['board.sync', 'resume']);
    expect(socket.listenerCount('resume')).toBe(1);
    expect(socket.listenerCount('disconnect')).toBe(0);
  });

  it("answers the ack with the handler's value, promise or observable", async () => {
    const socket = new FakeSocket();
    bind(socket, [
      handler('value', (data) => ({ got: data })),
      handler('promise', async (data) => ({ later: data })),
      handler('observable', () => of({ streamed: true })),
    ]);
    await expect(socket.send('value', { lastSeq: 3 })).resolves.toEqual({ got: { lastSeq: 3 } });
    await expect(socket.send('promise', 'x')).resolves.toEqual({ later: 'x' });
    await expect(socket.send('observable', null)).resolves.toEqual({ streamed: true });
  });

  it('emits an answer that names an event instead of acking it; answers nothing for nil', async () => {
    const socket = new FakeSocket();
    const acks: unknown[] = [];
    bind(socket, [handler('named', () => ({ event: 'pong', data: 7 })), handler('nil', () => undefined)]);
    socket.listeners('named')[0]({}, (a: unknown) => acks.push(a));
    socket.listeners('nil')[0]({}, (a: unknown) => acks.push(a));
    await new Promise((r) => setTimeout(r, 10));
    expect(socket.emitted).toEqual([['pong', 7]]);
    expect(acks).toEqual([]);
  });

  it('leaves the ack to a handler that answers it itself, and answers nothing once the socket is gone', async () => {
    const socket = new FakeSocket();
    const acks: unknown[] = [];
    let release: (v: string) => void = () => undefined;
    bind(socket, [
      handler('manual', () => 'ignored', true),
      handler('slow', () => new Promise<string>((r) => (release = r))),
    ]);
    socket.listeners('manual')[0]({}, (a: unknown) => acks.push(a));
    socket.listeners('slow')[0]({}, (a: unknown) => acks.push(a));
    socket.disconnected = true;
    release('too late');
    await new Promise((r) => setTimeout(r, 10));
    expect(acks).toEqual([]);
  });
});

/**
 * A connected panel does not keep its upgrade request (issue 18 §3: about
 * 3 KiB per panel); its handshake still carries what the gateway reads.
 */
describe('releaseUpgradeRequests', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  /** Whether what `ref` points to is gone after a few full collections. */
  const collected = async (ref: WeakRef<object>) => {
    for (let i = 0; i < 5 && ref.deref(); i++) {
      await new Promise((r) => setImmediate(r));
      gc();
    }
    return ref.deref() === undefined;
  };

  it("lets the upgrade request go and keeps the handshake's auth and address", async () => {
    const http = createServer();
    const io = new Server(http, { transports: ['websocket'] });
    releaseUpgradeRequests(io);
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const { port } = http.address() as AddressInfo;
    let upgrade = new WeakRef<object>({});
    io.engine.on('initial_headers', (_headers: unknown, req: object) => (upgrade = new WeakRef(req)));
    const connected = new Promise<ServerSocket>((r) => io.of('/agents').on('connection', r));
    const client = connect(`http://127.0.0.1:${port}/agents`, {
      transports: ['websocket'],
      auth: { token: 'a-token' },
    });
    try {
      const socket = await connected;
      expect(socket.conn.request).toBeNull();
      // Nothing else keeps it either (engine.io's upgrade response held it until the socket closed).
      expect(await collected(upgrade)).toBe(true);
      expect(socket.handshake.auth).toEqual({ token: 'a-token' });
      expect(socket.handshake.address).toBe('127.0.0.1');
      // Still a working connection both ways.
      const echoed = new Promise((r) => client.once('echo', r));
      socket.emit('echo', { seq: 1 });
      await expect(echoed).resolves.toEqual({ seq: 1 });
    } finally {
      client.close();
      await io.close();
    }
  });
});
