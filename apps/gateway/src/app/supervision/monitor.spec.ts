import type { BoardRow, MonitorAuditEntry } from '@puente/contracts';
import { NeoApiError } from '@puente/neoapi';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import type { GatewayHarness } from '../../testing/gateway-harness';
import { BoardService } from './board.service';
import {
  BoardClient,
  CAMPAIGN,
  neoCall,
  startGateway,
  startSupervisionDialer,
  waitUntil,
} from './supervision.fixture';

describe('monitoring: listen, assist, barge, switch and end (E2), audited (E4)', () => {
  let dialer: FakeNeoApiServer;
  let gw: GatewayHarness;
  let sup1: string;
  let sup2: string;
  let admin: string;

  const monitor = (token: string, agentId: string, mode: string, key?: string) =>
    gw.request('POST', `/api/v1/supervision/agents/${agentId}/monitor`, { token, body: { mode }, key });
  const end = (token: string) => gw.request('POST', '/api/v1/supervision/monitor/end', { token, body: {} });
  /** Waits until the gateway's board holds the agent's row as described (what the commands check). */
  const onBoard = (agentId: string, predicate: (row: BoardRow) => boolean) =>
    waitUntil(() => {
      const row = gw.app.get(BoardService).current(agentId);
      return row && predicate(row);
    }, `${agentId} on the board`);
  const dialerCalls = (method: string) => dialer.calls.filter((c) => c.method === method);
  const audit = async (query = ''): Promise<MonitorAuditEntry[]> =>
    (await gw.request('GET', `/api/v1/supervision/audit${query}`, { token: admin })).body.items;

  beforeEach(async () => {
    dialer = await startSupervisionDialer();
    gw = await startGateway(dialer);
    sup1 = (await gw.login('sup1', 'secret', '3001')).accessToken;
    sup2 = (await gw.login('sup2', 'secret', '3002')).accessToken;
    admin = (await gw.login('admin1', 'secret', '3003')).accessToken;
    await gw.login('agent1', 'secret', '2001');
    await waitUntil(() => dialer.openStreams('a1') > 0, "a1's dialer stream");
    dialer.emit('a1', 'CampaignJoined', { campaign: CAMPAIGN });
  });

  afterEach(async () => {
    await gw.stop();
    await dialer.stop();
  });

  it('listens, switches to assist and barge without dropping, and ends; the board shows who monitors', async () => {
    const board = await BoardClient.connect(gw, sup1);
    dialer.emit('a1', 'CallOffered', { call: neoCall('c1'), contact: null });
    dialer.emit('a1', 'CallAnswered', { callId: 'c1' });
    await board.waitForRow('a1', (r) => r.call?.status === 'talking');

    const listen = await monitor(sup1, 'a1', 'listen');
    expect(listen.status).toBe(200);
    expect(listen.body).toEqual({ action: 'start', monitoring: { targetAgentId: 'a1', mode: 'listen' } });
    expect(dialerCalls('Monitor_Start').map((c) => [c.agentId, c.body])).toEqual([
      ['s1', { agentId: 'a1', mode: 'listen' }],
    ]);
    await board.waitForRow(
      'a1',
      (r) => r.monitoredBy?.supervisorId === 's1' && r.monitoredBy.mode === 'listen',
    );

    for (const mode of ['assist', 'barge'] as const) {
      const res = await monitor(sup1, 'a1', mode);
      expect(res.body).toEqual({ action: 'switch', monitoring: { targetAgentId: 'a1', mode } });
      await board.waitForRow('a1', (r) => r.monitoredBy?.mode === mode);
    }
    expect(dialerCalls('Monitor_Start')).toHaveLength(1);
    expect(dialerCalls('Monitor_Mode').map((c) => c.body)).toEqual([{ mode: 'assist' }, { mode: 'barge' }]);
    expect((await monitor(sup1, 'a1', 'barge')).body.action).toBe('none');

    // The dialer's own events agree, and then win.
    dialer.emit('s1', 'MonitorStarted', { targetAgentId: 'a1', mode: 'barge' });
    dialer.emit('a1', 'Monitored', { supervisorId: 's1', mode: 'barge' });

    const ended = await end(sup1);
    expect(ended.body).toEqual({ action: 'end', monitoring: null });
    expect(dialerCalls('Monitor_End')).toHaveLength(1);
    dialer.emit('a1', 'Unmonitored', { supervisorId: 's1' });
    await board.waitForRow('a1', (r) => r.monitoredBy === null);
    board.close();

    const entries = await audit('?agentId=a1');
    expect(entries.map((e) => [e.supervisorId, e.targetAgentId, e.action, e.mode, e.outcome])).toEqual([
      ['s1', 'a1', 'end', 'barge', 'ok'],
      ['s1', 'a1', 'switch', 'barge', 'ok'],
      ['s1', 'a1', 'switch', 'assist', 'ok'],
      ['s1', 'a1', 'start', 'listen', 'ok'],
    ]);
    expect(entries[0]).toMatchObject({ supervisorUser: 'sup1' });
    expect(Date.parse(entries[0].at)).not.toBeNaN();
  });

  it('runs a retried command once (Idempotency-Key)', async () => {
    dialer.emit('a1', 'CallOffered', { call: neoCall('c1'), contact: null });
    dialer.emit('a1', 'CallAnswered', { callId: 'c1' });
    await onBoard('a1', (r) => r.call?.status === 'talking');
    const first = await monitor(sup1, 'a1', 'listen', 'retry-key-1');
    const again = await monitor(sup1, 'a1', 'listen', 'retry-key-1');
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(dialerCalls('Monitor_Start')).toHaveLength(1);
    expect(await audit()).toHaveLength(1);
  });

  it('refuses with stable codes, and audits the refusals', async () => {
    // a1 is logged in (campaign 97) but not on a call.
    await onBoard('a1', (r) => r.campaign?.id === '97');
    const idle = await monitor(sup1, 'a1', 'listen');
    expect([idle.status, idle.body.code]).toEqual([409, 'INVALID_STATE']);
    const nobody = await monitor(sup1, 'zz', 'listen');
    expect([nobody.status, nobody.body.code]).toEqual([404, 'NOT_FOUND']);
    const bad = await monitor(sup1, 'a1', 'spy');
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);

    dialer.emit('a1', 'CallOffered', { call: neoCall('c1'), contact: null });
    dialer.emit('a1', 'CallAnswered', { callId: 'c1' });
    await onBoard('a1', (r) => r.call?.status === 'talking');
    // s2 supervises queue q1 only: a1 (campaign 97) is not theirs.
    const outside = await monitor(sup2, 'a1', 'barge');
    expect([outside.status, outside.body.code]).toEqual([403, 'FORBIDDEN']);
    // The admin may, but not while s1 already is.
    expect((await monitor(sup1, 'a1', 'listen')).status).toBe(200);
    const taken = await monitor(admin, 'a1', 'listen');
    expect([taken.status, taken.body.code]).toEqual([409, 'CONFLICT']);
    // Once s1 ends, the admin may; a refusal of the dialer comes back with its code and words.
    expect((await end(sup1)).body.action).toBe('end');
    dialer.on('Monitor_Start', () => {
      throw new NeoApiError('INVALID_STATE', 'The call is over.');
    });
    const late = await monitor(admin, 'a1', 'listen');
    expect([late.status, late.body.code, late.body.message]).toEqual([
      409,
      'INVALID_STATE',
      'The call is over.',
    ]);
    // Nothing to end is not an error.
    expect((await end(sup2)).body).toEqual({ action: 'none', monitoring: null });

    const outcomes = (await audit()).map((e) => [e.supervisorId, e.targetAgentId, e.action, e.outcome]);
    expect(outcomes).toEqual([
      ['adm', 'a1', 'start', 'INVALID_STATE'],
      ['s1', 'a1', 'end', 'ok'],
      ['adm', 'a1', 'start', 'CONFLICT'],
      ['s1', 'a1', 'start', 'ok'],
      ['s2', 'a1', 'start', 'FORBIDDEN'],
      ['s1', 'zz', 'start', 'NOT_FOUND'],
      ['s1', 'a1', 'start', 'INVALID_STATE'],
    ]);
    expect((await audit('?supervisorId=s2'))[0]).toMatchObject({
      mode: 'barge',
      message: expect.any(String),
    });
  });

  it('moves to another agent by ending the first monitoring, then starting the next', async () => {
    await gw.login('agent2', 'secret', '2002');
    await waitUntil(() => dialer.openStreams('a2') > 0, "a2's dialer stream");
    dialer.emit('a2', 'CampaignJoined', { campaign: CAMPAIGN });
    for (const a of ['a1', 'a2']) {
      dialer.emit(a, 'CallOffered', { call: neoCall(`c-${a}`), contact: null });
      dialer.emit(a, 'CallAnswered', { callId: `c-${a}` });
    }
    for (const a of ['a1', 'a2']) await onBoard(a, (r) => r.call?.status === 'talking');
    await monitor(sup1, 'a1', 'listen');
    const next = await monitor(sup1, 'a2', 'assist');
    expect(next.body).toEqual({ action: 'start', monitoring: { targetAgentId: 'a2', mode: 'assist' } });
    expect(dialer.calls.filter((c) => c.method.startsWith('Monitor_')).map((c) => c.method)).toEqual([
      'Monitor_Start',
      'Monitor_End',
      'Monitor_Start',
    ]);
    expect((await audit()).map((e) => [e.targetAgentId, e.action])).toEqual([
      ['a2', 'start'],
      ['a1', 'end'],
      ['a1', 'start'],
    ]);
  });
});
