import { EventEmitter } from 'node:events';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { from, isObservable, mergeAll, type Observable, of } from 'rxjs';
import { PuenteIoAdapter } from './puente-io.adapter';

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
