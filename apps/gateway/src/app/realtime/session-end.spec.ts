import { SOCKET_NAMESPACES } from '@puente/contracts';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { io, type Socket } from 'socket.io-client';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness } from '../../testing/gateway-harness';

const OPTIONS = { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 100 };

/**
 * A browser's panel reaches /status and /agents over one connection
 * (socket.io multiplexes the namespaces of an origin). Ending a session must
 * close that session's /agents socket only: closing the shared connection
 * dropped /status with "io server disconnect", which the client does not
 * come back from, and the panel said "Gateway disconnected" until a reload
 * (issue 16 §2.6).
 */
describe('the end of a session and the status link (issue 16 §2.6)', () => {
  let dialer: FakeNeoApiServer;
  let gw: GatewayHarness;
  const open: Socket[] = [];

  const connected = (socket: Socket) =>
    new Promise<void>((resolve, reject) => {
      if (socket.connected) return resolve();
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });

  beforeEach(async () => {
    dialer = await startFakeDialer();
    gw = await new GatewayHarness({ dialerUrl: dialer.url }).start();
  });

  afterEach(async () => {
    for (const s of open.splice(0)) s.close();
    await gw.stop();
    await dialer.stop();
  });

  it('keeps the status link of a panel through logging out and in again in the same tab', async () => {
    const status = io(`${gw.url}${SOCKET_NAMESPACES.status}`, OPTIONS);
    open.push(status);
    const dropped: string[] = [];
    status.on('disconnect', (reason) => dropped.push(reason));
    await connected(status);

    for (let round = 0; round < 2; round++) {
      const { accessToken } = await gw.login('agent1');
      const agents = io(`${gw.url}${SOCKET_NAMESPACES.agents}`, { ...OPTIONS, auth: { token: accessToken } });
      open.push(agents);
      await connected(agents);
      const ended = new Promise((resolve) => agents.once('session.ended', resolve));
      const gone = new Promise((resolve) => agents.once('disconnect', resolve));
      expect((await gw.request('DELETE', '/api/v1/sessions/current', { token: accessToken })).status).toBe(
        204,
      );
      await ended;
      await gone;
      agents.close();
      // Whatever the transport did meanwhile, the status link is up again on its own.
      await connected(status);
      expect(status.connected).toBe(true);
    }
    expect(dropped).not.toContain('io server disconnect');
  });
});
