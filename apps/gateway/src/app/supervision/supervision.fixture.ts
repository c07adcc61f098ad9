import {
  applyBoardDelta,
  type BoardDelta,
  type BoardRow,
  type BoardSnapshot,
  type FiguresSnapshot,
  SOCKET_NAMESPACES,
} from '@puente/contracts';
import type { NeoCall, NeoCampaign, NeoPosition } from '@puente/neoapi';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { io, type Socket } from 'socket.io-client';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness } from '../../testing/gateway-harness';
import { SUPERVISION_OPTIONS, type SupervisionOptions } from './supervision.options';

export const CAMPAIGN: NeoCampaign = {
  id: '97',
  name: 'Ventas',
  dialerMode: 'predictive',
  crmId: '3',
  baseId: '12',
  active: true,
  maxAbandonRate: 0.03,
};

/** Fast timings, and no background refresh: tests read the dialer when they mean to. */
export const TEST_OPTIONS: SupervisionOptions = {
  tickMs: 40,
  dialerRefreshMs: 600_000,
  figuresPushMs: 60,
  serviceLevelSeconds: 20,
  scopeTtlMs: 600_000,
};

export function neoCall(callId: string, over: Partial<NeoCall> = {}): NeoCall {
  return {
    callId,
    direction: 'outbound',
    state: 'ringing',
    number: '+541155551234',
    campaignId: CAMPAIGN.id,
    queueId: null,
    dialerMode: 'predictive',
    startedAt: new Date().toISOString(),
    answeredAt: null,
    transfer: null,
    participants: [],
    recordingUrl: null,
    ...over,
  };
}

/**
 * The fixture dialer (a1, a2 agents; s1 supervisor of campaign 97) plus an
 * admin and s2, supervisor of queue q1; a3 is an agent logged in elsewhere,
 * known to the gateway only through Get_Agents.
 */
export async function startSupervisionDialer(): Promise<FakeNeoApiServer> {
  const dialer = await startFakeDialer();
  const base = { email: null, breakState: null, campaignId: null };
  dialer.addUser({
    password: 'secret',
    agent: {
      ...base,
      agentId: 's2',
      user: 'sup2',
      displayName: 'Sara Supervisor',
      roles: ['supervisor'],
      queueIds: ['q1'],
    },
  });
  dialer.addUser({
    password: 'secret',
    agent: {
      ...base,
      agentId: 'adm',
      user: 'admin1',
      displayName: 'Ada Admin',
      roles: ['admin'],
      queueIds: [],
    },
  });
  dialer.on('Get_Campaigns', (_req, session) => ({
    campaigns: session?.agentId === 's1' || session?.agentId === 'adm' ? [CAMPAIGN] : [],
  }));
  dialer.on('Get_Queues', () => ({
    queues: [
      {
        id: 'q1',
        name: 'Soporte',
        crmId: '3',
        baseId: '12',
        searchField: 'Clave_1',
        keyExpression: 'CLAVESF',
        serviceLevelSeconds: 15,
      },
    ],
  }));
  dialer.on('Get_Agents', () => ({ agents: [elsewhere] }));
  dialer.on('Get_Figures', () => ({ at: new Date().toISOString(), campaigns: [], queues: [] }));
  return dialer;
}

/** a3: logged in on another gateway, talking on a campaign 97 call. */
export const elsewhere: NeoPosition = {
  seq: 12,
  agent: {
    agentId: 'a3',
    user: 'agent3',
    displayName: 'Carla Agent',
    email: null,
    device: '2009',
    roles: ['agent'],
    state: 'talking',
    stateSince: '2026-11-23T10:00:00.000Z',
    breakState: null,
    campaignId: CAMPAIGN.id,
    queueIds: [],
  },
  call: neoCall('c-a3', { state: 'talking', answeredAt: '2026-11-23T10:00:00.000Z' }),
  contact: null,
  monitoring: null,
  monitoredBy: null,
};

export function startGateway(dialer: FakeNeoApiServer): Promise<GatewayHarness> {
  return new GatewayHarness({
    dialerUrl: dialer.url,
    overrides: [{ token: SUPERVISION_OPTIONS, value: TEST_OPTIONS }],
  }).start();
}

/** Polls `read` (sync or async) until it gives something truthy. */
export async function waitUntil<T>(
  read: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  ms = 3000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A supervisor's board over socket.io, folded with the shared applyBoardDelta. */
export class BoardClient {
  board: BoardSnapshot | undefined;
  readonly deltas: BoardDelta[] = [];
  readonly figures: FiguresSnapshot[] = [];
  ended: string | null = null;

  private constructor(readonly socket: Socket) {
    socket.on('board.snapshot', (s: BoardSnapshot) => (this.board = s));
    socket.on('board.delta', (d: BoardDelta) => {
      this.deltas.push(d);
      if (this.board) this.board = applyBoardDelta(this.board, d);
    });
    socket.on('figures', (f: FiguresSnapshot) => this.figures.push(f));
    socket.on('session.ended', (info: { reason: string }) => (this.ended = info.reason));
  }

  static async connect(gw: GatewayHarness, token: string | undefined): Promise<BoardClient> {
    const socket = io(`${gw.url}${SOCKET_NAMESPACES.supervisors}`, {
      transports: ['websocket'],
      auth: token === undefined ? {} : { token },
      reconnection: false,
    });
    const client = new BoardClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (e) => {
        socket.close();
        reject(e);
      });
    });
    await waitUntil(() => client.board, 'the snapshot');
    return client;
  }

  row(agentId: string): BoardRow | undefined {
    return this.board?.rows.find((r) => r.agentId === agentId);
  }

  waitForRow(agentId: string, predicate: (row: BoardRow) => boolean, ms = 3000): Promise<BoardRow> {
    return waitUntil(
      () => {
        const row = this.row(agentId);
        return row && predicate(row) ? row : undefined;
      },
      `a row of ${agentId} matching; board: ${JSON.stringify(this.board?.rows.map((r) => [r.agentId, r.activity]))}`,
      ms,
    );
  }

  close(): void {
    this.socket.close();
  }
}

/** The first connect_error code of a socket that must be refused. */
export async function refusal(gw: GatewayHarness, token: string | undefined): Promise<string> {
  try {
    const client = await BoardClient.connect(gw, token);
    client.close();
    return 'connected';
  } catch (error) {
    return ((error as { data?: { code?: string } }).data?.code ?? String(error)) as string;
  }
}
