import { connect, createServer, type Server } from 'node:net';
import { TcpBalancer } from './tcp-balancer';

/** A backend that answers every connection with its name, then closes it. */
async function namedServer(name: string): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.end(name));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0 };
}

/** What a connection through the balancer is told (empty when it is closed unanswered). */
function reply(port: number): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1');
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => resolve(''));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString()));
  });
}

describe('TcpBalancer (the failure tests’ load balancer)', () => {
  const servers: Server[] = [];
  let balancer: TcpBalancer;

  afterEach(async () => {
    await balancer?.stop();
    for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  });

  it('hands connections to the backends in turn', async () => {
    const [a, b] = [await namedServer('A'), await namedServer('B')];
    servers.push(a.server, b.server);
    balancer = await new TcpBalancer([a, b].map(({ port }) => ({ host: '127.0.0.1', port }))).start();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await reply(balancer.port));
    expect(answers).toEqual(['A', 'B', 'A', 'B']);
    expect(balancer.served).toEqual([2, 2]);
  });

  it('passes a backend that refuses over for the next one, and closes the client when none is left', async () => {
    const a = await namedServer('A');
    const b = await namedServer('B');
    servers.push(a.server);
    await new Promise((r) => b.server.close(r));
    balancer = await new TcpBalancer([a, b].map(({ port }) => ({ host: '127.0.0.1', port }))).start();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await reply(balancer.port));
    expect(answers).toEqual(['A', 'A', 'A', 'A']);
    // Many at once: each still tries every backend (a refused one is not tried again while the live one waits).
    expect(await Promise.all(Array.from({ length: 20 }, () => reply(balancer.port)))).toEqual(
      Array.from({ length: 20 }, () => 'A'),
    );
    await new Promise((r) => a.server.close(r));
    servers.length = 0;
    expect(await reply(balancer.port)).toBe('');
  });
});
