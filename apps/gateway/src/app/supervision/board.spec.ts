import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import type { GatewayHarness } from '../../testing/gateway-harness';
import { type BoardMessage, BoardService } from './board.service';
import { DialerDirectory } from './dialer-directory.service';
import {
  BoardClient,
  CAMPAIGN,
  neoCall,
  startGateway,
  startSupervisionDialer,
  waitUntil,
} from './supervision.fixture';

describe('the supervisor board (E1, issue 8 §2, §4)', () => {
  let dialer: FakeNeoApiServer;
  let gw: GatewayHarness;
  let sup1: string;
  let sup2: string;
  let admin: string;
  const boards: BoardClient[] = [];

  const board = async (token: string) => {
    const client = await BoardClient.connect(gw, token);
    boards.push(client);
    return client;
  };
  const loginAgent = async (user: string, agentId: string) => {
    const session = await gw.login(user, 'secret', `20${agentId.slice(1)}0`);
    await waitUntil(() => dialer.openStreams(agentId) > 0, `${agentId}'s dialer stream`);
    return session.accessToken;
  };

  beforeEach(async () => {
    dialer = await startSupervisionDialer();
    gw = await startGateway(dialer);
    sup1 = (await gw.login('sup1', 'secret', '3001')).accessToken;
    sup2 = (await gw.login('sup2', 'secret', '3002')).accessToken;
    admin = (await gw.login('admin1', 'secret', '3003')).accessToken;
  });

  afterEach(async () => {
    for (const b of boards.splice(0)) b.close();
    await gw.stop();
    await dialer.stop();
  });

  it('sends a snapshot, then each agent change as a delta within a second', async () => {
    await loginAgent('agent1', 'a1');
    dialer.emit('a1', 'CampaignJoined', { campaign: CAMPAIGN });
    const s1 = await board(sup1);
    await s1.waitForRow('a1', (r) => r.campaign?.id === '97');
    expect(s1.board?.scope).toEqual({ all: false, campaignIds: ['97'], queueIds: [] });

    const sent = Date.now();
    dialer.emit('a1', 'CallOffered', { call: neoCall('c1'), contact: null });
    dialer.emit('a1', 'CallAnswered', { callId: 'c1' });
    const row = await s1.waitForRow('a1', (r) => r.activity === 'talking', 1000);
    expect(Date.now() - sent).toBeLessThan(1000);
    expect(row).toMatchObject({
      user: 'agent1',
      displayName: 'Ana Agent',
      campaign: { id: '97', name: 'Ventas' },
      call: { callId: 'c1', direction: 'outbound', status: 'talking', party: '+541155551234' },
      monitoredBy: null,
      source: 'gateway',
    });
    expect(row.stateSince).not.toBeNull();
    // The supervisors themselves are not rows of the board.
    expect(s1.row('s1')).toBeUndefined();

    dialer.emit('a1', 'AgentState', { state: 'paused', breakState: { id: '1', name: '1 - Descanso' } });
    await s1.waitForRow('a1', (r) => r.breakState?.name === '1 - Descanso');
    const versions = s1.deltas.map((d) => d.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
  });

  it('computes a change once and sends one message per group of rooms, however many boards watch', async () => {
    await loginAgent('agent1', 'a1');
    dialer.emit('a1', 'CampaignJoined', { campaign: CAMPAIGN });
    const watchers = await Promise.all(Array.from({ length: 8 }, () => board(sup1)));
    await Promise.all(watchers.map((w) => w.waitForRow('a1', (r) => r.campaign?.id === '97')));
    const sent: BoardMessage[][] = [];
    const subscription = gw.app.get(BoardService).broadcasts.subscribe((m) => sent.push(m));
    dialer.emit('a1', 'AgentState', { state: 'available', breakState: null });
    await Promise.all(watchers.map((w) => w.waitForRow('a1', (r) => r.activity === 'available')));
    subscription.unsubscribe();
    expect(sent).toHaveLength(1);
    expect(sent[0].map((m) => m.rooms)).toEqual([['campaign:97', 'scope:all']]);
  });

  it('filters by scope: a campaign supervisor, a queue supervisor, an admin', async () => {
    await loginAgent('agent1', 'a1');
    await loginAgent('agent2', 'a2');
    const [s1, s2, adm] = [await board(sup1), await board(sup2), await board(admin)];
    dialer.emit('a1', 'CampaignJoined', { campaign: CAMPAIGN });
    dialer.emit('a2', 'CallOffered', {
      call: neoCall('c2', { direction: 'inbound', campaignId: null, queueId: 'q1', dialerMode: null }),
      contact: null,
    });
    await adm.waitForRow('a1', (r) => r.campaign?.id === '97');
    await adm.waitForRow('a2', (r) => r.queues.includes('q1'));
    await s1.waitForRow('a1', () => true);
    await s2.waitForRow('a2', () => true);
    await new Promise((r) => setTimeout(r, 150));
    expect(s1.row('a2')).toBeUndefined();
    expect(s2.row('a1')).toBeUndefined();

    // a2's call ends and is released: no queue left, so it leaves s2's board, not the admin's.
    dialer.emit('a2', 'CallEnded', { callId: 'c2', cause: 'customer_hangup', talkSeconds: 0 });
    dialer.emit('a2', 'ContactReleased', {
      contactId: 'x',
      categoryId: null,
      subcategoryId: null,
      scheduledFor: null,
    });
    await waitUntil(() => s2.board && !s2.row('a2'), 'a2 to leave the queue supervisor’s board');
    expect(adm.row('a2')).toBeDefined();

    // The REST board says the same, and can narrow it further.
    const rest = await gw.request('GET', '/api/v1/supervision/board', { token: sup1 });
    expect(rest.status).toBe(200);
    expect(rest.body.rows.map((r: { agentId: string }) => r.agentId)).toEqual(['a1']);
    const all = await gw.request('GET', '/api/v1/supervision/board?activity=wrap_up', { token: admin });
    expect(all.body.rows.map((r: { agentId: string }) => r.agentId)).toEqual(['a2']);
  });

  it('issue 16 §3: a supervisor is a row labelled supervisor, filterable, never counted as an agent', async () => {
    // Like the demo's super01: a supervisor the dialer also lets take calls.
    dialer.addUser({
      password: 'secret',
      agent: {
        agentId: 's3',
        user: 'sup3',
        displayName: 'Silvia Supervisor',
        email: null,
        breakState: null,
        campaignId: null,
        queueIds: [],
        roles: ['supervisor', 'agent'],
      },
    });
    await loginAgent('agent1', 'a1');
    await loginAgent('sup3', 's3');
    const adm = await board(admin);
    dialer.emit('a1', 'CampaignJoined', { campaign: CAMPAIGN });
    dialer.emit('s3', 'CampaignJoined', { campaign: CAMPAIGN });
    const own = await adm.waitForRow('s3', (r) => r.campaign?.id === '97');
    expect(own).toMatchObject({ role: 'supervisor', displayName: 'Silvia Supervisor' });
    expect((await adm.waitForRow('a1', (r) => r.campaign?.id === '97')).role).toBe('agent');

    const ids = async (query: string) =>
      (await gw.request('GET', `/api/v1/supervision/board${query}`, { token: admin })).body.rows
        .filter((r: { campaign: { id: string } | null }) => r.campaign?.id === '97')
        .map((r: { agentId: string }) => r.agentId)
        .sort();
    expect(await ids('')).toEqual(['a1', 's3']);
    expect(await ids('?role=agent')).toEqual(['a1']);
    expect(await ids('?role=supervisor')).toEqual(['s3']);
    expect((await gw.request('GET', '/api/v1/supervision/board?role=boss', { token: admin })).status).toBe(
      400,
    );

    // The campaign's agents by state count one agent: the supervisor is not one of them.
    const figures = await waitUntil(async () => {
      const res = await gw.request('GET', '/api/v1/supervision/figures', { token: admin });
      const campaign = res.body.items.find((f: { id: string }) => f.id === '97');
      return campaign?.agentsByState as Record<string, number> | undefined;
    }, 'the campaign figures');
    expect(Object.values(figures).reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('shows agents logged in elsewhere from the dialer’s shared agent list', async () => {
    const s1 = await board(sup1);
    await gw.app.get(DialerDirectory).refresh();
    const row = await s1.waitForRow('a3', () => true);
    expect(row).toMatchObject({
      source: 'dialer',
      activity: 'talking',
      campaign: { id: '97', name: 'Ventas' },
    });
    // One listing for the whole gateway (the admin's session sees all), not one per board.
    await board(sup2);
    expect(dialer.calls.filter((c) => c.method === 'Get_Agents')).toHaveLength(1);
  });

  it('removes an agent who logs out, and gives a reconnecting supervisor a fresh snapshot', async () => {
    const token = await loginAgent('agent1', 'a1');
    dialer.emit('a1', 'CampaignJoined', { campaign: CAMPAIGN });
    const s1 = await board(sup1);
    await s1.waitForRow('a1', () => true);
    s1.close();
    dialer.emit('a1', 'AgentState', { state: 'available', breakState: null });
    await gw.request('DELETE', '/api/v1/sessions/current', { token });
    await new Promise((r) => setTimeout(r, 100));
    const again = await board(sup1);
    expect(again.board?.version).toBeGreaterThan(s1.board?.version ?? 0);
    expect(again.row('a1')).toBeUndefined();
  });
});
