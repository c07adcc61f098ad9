import { createServer } from 'node:net';
import { freePort, isPortFree } from './ports';

describe('ports', () => {
  it('tells a busy port from a free one', async () => {
    const port = await freePort();
    expect(await isPortFree(port, '127.0.0.1')).toBe(true);
    const server = createServer().listen(port, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    expect(await isPortFree(port, '127.0.0.1')).toBe(false);
    await new Promise((r) => server.close(r));
  });
});
