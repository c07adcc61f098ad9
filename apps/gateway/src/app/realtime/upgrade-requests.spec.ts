import { SOCKET_NAMESPACES } from '@puente/contracts';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { io, type Socket } from 'socket.io-client';
import type { Namespace } from 'socket.io';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness } from '../../testing/gateway-harness';
import { AgentsGateway } from './agents.gateway';

const OPTIONS = { transports: ['websocket'], reconnection: false };

/**
 * A panel's connection does not keep its HTTP upgrade request (issue 18 §3:
 * memory per connected agent), and the panel works all the same: the
 * handshake's token, its resume and its live events.
 */
describe('panel connections without their upgrade requests (issue 18 §3)', () => {
  let dialer: FakeNeoApiServer;
  let gw: GatewayHarness;
  const open: Socket[] = [];

  beforeAll(async () => {
    dialer = await startFakeDialer();
    gw = await new GatewayHarness({ dialerUrl: dialer.url }).start();
  });

  afterAll(async () => {
    for (const s of open) s.close();
    await gw.stop();
    await dialer.stop();
  });

  const connect = (path: string, auth?: Record<string, string>) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = io(`${gw.url}${path}`, { ...OPTIONS, auth });
      open.push(socket);
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });

  it('drops the request once connected; the token still admits the panel and events flow', async () => {
    const { accessToken } = await gw.login('agent1');
    const agents = await connect(SOCKET_NAMESPACES.agents, { token: accessToken });
    await connect(SOCKET_NAMESPACES.status);
    const resumed = (await agents.emitWithAck('resume', { lastSeq: 0 })) as { mode: string };
    expect(resumed.mode).toMatch(/replay|snapshot/);

    const namespace = (gw.app.get(AgentsGateway) as unknown as { namespace: Namespace }).namespace;
    // Both namespaces ride one connection (socket.io multiplexes them), the second joined after the drop.
    expect(namespace.server.engine.clientsCount).toBe(1);
    const [panel] = [...namespace.sockets.values()];
    expect(panel.conn.request).toBeNull();

    const live = new Promise<{ type: string }>((resolve) => agents.once('event', resolve));
    dialer.emit('a1', 'AgentState', { state: 'paused', breakState: { id: '1', name: 'Coffee' } });
    expect(await live).toMatchObject({ type: 'agent.state_changed' });
  });

  it('still refuses a panel without a valid token', async () => {
    await expect(connect(SOCKET_NAMESPACES.agents, { token: 'forged' })).rejects.toMatchObject({
      data: { code: 'UNAUTHENTICATED' },
    });
  });
});
