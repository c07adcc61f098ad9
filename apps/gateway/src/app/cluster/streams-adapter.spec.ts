import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { describeWithRedis, startRedis, type TestRedis } from '@puente/server-kit/testing';
import { Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { CONNECTION_STATE_RECOVERY, puenteIoOptions } from '../realtime/puente-io.adapter';
import { RedisConnection } from './redis.provider';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(10);
  }
}

/** One gateway node's socket.io, with the gateway's options, on its own port. */
interface Node {
  readonly url: string;
  readonly io: Server;
  close(): Promise<void>;
}

describeWithRedis(
  'socket.io on the Redis Streams adapter, two nodes (issue 18 §2, real redis-server)',
  () => {
    let redis: TestRedis;
    let a: Node;
    let b: Node;
    const clients: ClientSocket[] = [];

    async function node(name: string): Promise<Node> {
      const connection = new RedisConnection(redis.url, name);
      await connection.whenUp();
      const http: HttpServer = createServer();
      const io = new Server(http, {
        ...puenteIoOptions({
          corsOrigins: ['*'],
          redis: connection,
          connectionStateRecovery: CONNECTION_STATE_RECOVERY,
        }),
      });
      // As the agents namespace does: each socket joins its agent's room.
      io.on('connection', (socket) => {
        if (!socket.recovered) void socket.join(`agent:${String(socket.handshake.auth['agentId'])}`);
      });
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
      return {
        url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
        io,
        async close() {
          await io.close();
          connection.close();
        },
      };
    }

    function client(url: string, agentId: string): ClientSocket {
      const socket = connect(url, { transports: ['websocket'], auth: { agentId }, reconnectionDelay: 50 });
      clients.push(socket);
      return socket;
    }

    beforeAll(async () => {
      Logger.overrideLogger(false);
      redis = await startRedis();
      a = await node('node-a');
      b = await node('node-b');
      // The adapters' readers start with XREAD from "$": let them be in place.
      await sleep(300);
    });
    afterAll(async () => {
      for (const c of clients) c.close();
      await a.close();
      await b.close();
      await redis.stop();
    });

    it('an emit to a room on node A reaches a client connected to node B', async () => {
      const onB = client(b.url, '1001');
      const received: unknown[] = [];
      onB.on('agent-event', (e: unknown) => received.push(e));
      await until('connected to B', () => onB.connected);
      a.io.to('agent:1001').emit('agent-event', { seq: 1, type: 'state' });
      a.io.to('agent:2002').emit('agent-event', { seq: 1, type: 'not for 1001' });
      await until('delivered through Redis', () => received.length >= 1);
      await sleep(100);
      expect(received).toEqual([{ seq: 1, type: 'state' }]);
    });

    it('a client of A that drops and reconnects to B recovers the packets it missed (socket.recovered)', async () => {
      const roaming = client(a.url, '3003');
      const received: number[] = [];
      roaming.on('agent-event', (e: { seq: number }) => received.push(e.seq));
      await until('connected to A', () => roaming.connected);
      expect(roaming.recovered).toBe(false);
      a.io.to('agent:3003').emit('agent-event', { seq: 1 });
      await until('first event', () => received.length === 1);

      // Node A's connection drops; the load balancer sends the reconnect to node B.
      roaming.io.opts.port = new URL(b.url).port;
      (roaming.io as unknown as { uri: string }).uri = b.url;
      roaming.io.engine.close();
      await until('A saw it go', () => a.io.of('/').sockets.size === 0);
      a.io.to('agent:3003').emit('agent-event', { seq: 2 });
      b.io.to('agent:3003').emit('agent-event', { seq: 3 });

      await until('reconnected to B', () => roaming.connected && b.io.of('/').sockets.has(roaming.id ?? ''));
      await until('missed packets', () => received.length >= 3, 2000).catch(() => undefined);
      process.stdout.write(
        `cross-node recovery: recovered=${roaming.recovered}, received seq ${JSON.stringify(received)}\n`,
      );
      expect(roaming.recovered).toBe(true);
      expect(received).toEqual([1, 2, 3]);
      // Its rooms came with it: a later emit from A still reaches it on B.
      a.io.to('agent:3003').emit('agent-event', { seq: 4 });
      await until('live again', () => received.length === 4);
    });
  },
);
