import type { ScopeFigures } from '@puente/contracts';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import type { GatewayHarness } from '../../testing/gateway-harness';
import { DialerDirectory } from './dialer-directory.service';
import {
  BoardClient,
  CAMPAIGN,
  neoCall,
  startGateway,
  startSupervisionDialer,
  waitUntil,
} from './supervision.fixture';

const inbound = (callId: string) =>
  neoCall(callId, { direction: 'inbound', campaignId: null, queueId: 'q1', dialerMode: null });

describe('campaign and queue figures (E3, issue 8 §3)', () => {
  let dialer: FakeNeoApiServer;
  let gw: GatewayHarness;
  let admin: string;
  let sup1: string;
  let sup2: string;

  beforeAll(async () => {
    dialer = await startSupervisionDialer();
    dialer.on('Get_Figures', () => ({
      at: new Date().toISOString(),
      campaigns: [
        {
          campaignId: '97',
          callsWaiting: 0,
          longestWaitSeconds: 0,
          abandoned: 1,
          dialLevel: 1.8,
          linesDialing: 4,
        },
      ],
      queues: [{ queueId: 'q1', callsWaiting: 3, longestWaitSeconds: 42, abandoned: 2 }],
    }));
    gw = await startGateway(dialer);
    admin = (await gw.login('admin1', 'secret', '3003')).accessToken;
    sup1 = (await gw.login('sup1', 'secret', '3001')).accessToken;
    sup2 = (await gw.login('sup2', 'secret', '3002')).accessToken;
    for (const [user, id] of [
      ['agent1', 'a1'],
      ['agent2', 'a2'],
    ]) {
      await gw.login(user, 'secret', `20${id.slice(1)}0`);
      await waitUntil(() => dialer.openStreams(id) > 0, `${id}'s stream`);
    }
  });

  afterAll(async () => {
    await gw.stop();
    await dialer.stop();
  });

  const item = (items: ScopeFigures[], kind: string, id: string) =>
    items.find((f) => f.kind === kind && f.id === id);

  it('computes figures from a scripted sequence of calls plus the dialer’s one shared read', async () => {
    const queueBoard = await BoardClient.connect(gw, sup2);
    dialer.emit('a1', 'CampaignJoined', { campaign: CAMPAIGN });
    // a1 answers an inbound call at once, talks, and is ready again: answered within 15 s, handled.
    dialer.emit('a1', 'CallOffered', { call: inbound('c1'), contact: null });
    dialer.emit('a1', 'CallAnswered', { callId: 'c1' });
    dialer.emit('a1', 'CallEnded', { callId: 'c1', cause: 'agent_hangup', talkSeconds: 1 });
    dialer.emit('a1', 'AgentState', { state: 'available', breakState: null });
    // The caller offered to a2 hangs up while it rings: abandoned.
    dialer.emit('a2', 'CallOffered', { call: inbound('c2'), contact: null });
    dialer.emit('a2', 'CallEnded', { callId: 'c2', cause: 'customer_hangup', talkSeconds: 0 });
    await gw.app.get(DialerDirectory).refresh();

    const figures = await waitUntil(async () => {
      const res = await gw.request('GET', '/api/v1/supervision/figures', { token: admin });
      const q = item(res.body.items, 'queue', 'q1');
      // Agents by state follow the board, which publishes on its next tick.
      const settled = q && q.handled === 1 && q.callsWaiting !== null && q.agentsByState.wrap_up === 1;
      return settled ? (res.body.items as ScopeFigures[]) : undefined;
    }, 'the figures');
    expect(item(figures, 'queue', 'q1')).toEqual({
      kind: 'queue',
      id: 'q1',
      name: 'Soporte',
      callsWaiting: 3,
      longestWaitSeconds: 42,
      offered: 2,
      answered: 1,
      abandoned: 3,
      abandonRate: 0.75,
      serviceLevel: { thresholdSeconds: 15, answeredWithin: 1, rate: 0.25 },
      handled: 1,
      averageHandleSeconds: expect.any(Number),
      agentsByState: expect.objectContaining({ available: 0, wrap_up: 1 }),
      pace: null,
    });
    expect(item(figures, 'campaign', '97')).toMatchObject({
      name: 'Ventas',
      callsWaiting: 0,
      abandoned: 1,
      pace: { dialLevel: 1.8, linesDialing: 4 },
      agentsByState: expect.objectContaining({ available: 1 }),
    });

    // Each supervisor sees the figures of their own campaigns and queues only, over REST and the socket.
    const own = async (token: string) =>
      (await gw.request('GET', '/api/v1/supervision/figures', { token })).body.items.map(
        (f: ScopeFigures) => `${f.kind}:${f.id}`,
      );
    expect(await own(sup1)).toEqual(['campaign:97']);
    expect(await own(sup2)).toEqual(['queue:q1']);
    const pushed = await waitUntil(
      () => queueBoard.figures.find((f) => f.items.some((i) => i.callsWaiting === 3)),
      'pushed queue figures',
    );
    expect(pushed.items.map((i) => i.id)).toEqual(['q1']);
    expect(queueBoard.figures.flatMap((f) => f.items).every((i) => i.kind === 'queue' && i.id === 'q1')).toBe(
      true,
    );
    queueBoard.close();
  });

  it('reads the dialer once per refresh, whatever the number of screens', async () => {
    const boards = await Promise.all([sup1, sup1, sup2, admin].map((t) => BoardClient.connect(gw, t)));
    const before = dialer.calls.filter((c) => c.method === 'Get_Figures').length;
    await gw.app.get(DialerDirectory).refresh();
    expect(dialer.calls.filter((c) => c.method === 'Get_Figures').length - before).toBe(1);
    for (const b of boards) b.close();
  });
});
