import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import type { GatewayHarness } from '../../testing/gateway-harness';
import { BoardClient, refusal, startGateway, startSupervisionDialer } from './supervision.fixture';

/** E4: only supervisors and admins may see the board, the figures, monitor or barge; the audit is for admins. */
describe('authority over supervision (E4), enforced in the gateway', () => {
  let dialer: FakeNeoApiServer;
  let gw: GatewayHarness;
  let agent: string;
  let sup1: string;

  beforeAll(async () => {
    dialer = await startSupervisionDialer();
    gw = await startGateway(dialer);
    agent = (await gw.login('agent1', 'secret', '2001')).accessToken;
    sup1 = (await gw.login('sup1', 'secret', '3001')).accessToken;
  });

  afterAll(async () => {
    await gw.stop();
    await dialer.stop();
  });

  // Every row has a body slot: jest hands a shorter row's missing argument over as `done`.
  const endpoints: [string, string, unknown][] = [
    ['GET', '/api/v1/supervision/board', undefined],
    ['GET', '/api/v1/supervision/figures', undefined],
    ['POST', '/api/v1/supervision/agents/a2/monitor', { mode: 'listen' }],
    ['POST', '/api/v1/supervision/agents/a2/monitor', { mode: 'assist' }],
    ['POST', '/api/v1/supervision/agents/a2/monitor', { mode: 'barge' }],
    ['POST', '/api/v1/supervision/monitor/end', {}],
    ['GET', '/api/v1/supervision/audit', undefined],
  ];

  it.each(endpoints)('refuses an agent: %s %s', async (method, path, body) => {
    const res = await gw.request(method, path, { token: agent, body });
    expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
  });

  it.each(endpoints)('refuses a caller without a token: %s %s', async (method, path, body) => {
    const res = await gw.request(method, path, { body });
    expect([res.status, res.body.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('keeps the audit for admins: a supervisor is refused', async () => {
    const res = await gw.request('GET', '/api/v1/supervision/audit', { token: sup1 });
    expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('never asked the dialer to monitor for a refused caller', () => {
    expect(dialer.calls.filter((c) => c.method.startsWith('Monitor_'))).toEqual([]);
  });

  it('refuses the /supervisors namespace to an agent, to no token and to a forged token', async () => {
    expect(await refusal(gw, agent)).toBe('FORBIDDEN');
    expect(await refusal(gw, undefined)).toBe('UNAUTHENTICATED');
    expect(await refusal(gw, `${sup1.slice(0, -4)}AAAA`)).toBe('UNAUTHENTICATED');
    expect(await refusal(gw, sup1)).toBe('connected');
  });

  it('closes a supervisor’s board when their session ends', async () => {
    const token = (await gw.login('sup2', 'secret', '3002')).accessToken;
    const board = await BoardClient.connect(gw, token);
    await gw.request('DELETE', '/api/v1/sessions/current', { token });
    for (let i = 0; i < 100 && board.socket.connected; i++) await new Promise((r) => setTimeout(r, 10));
    expect(board.socket.connected).toBe(false);
    expect(board.ended).toBe('logout');
  });
});
