import {
  applyBoardDelta,
  type BoardRow,
  BoardSnapshotSchema,
  emptyAgentsByState,
  MonitorAuditQuerySchema,
  rowInScope,
  ScopeFiguresSchema,
} from './supervision';
import { MonitorRequestSchema } from './commands';

const row = (agentId: string, over: Partial<BoardRow> = {}): BoardRow => ({
  agentId,
  user: agentId,
  displayName: agentId,
  role: 'agent',
  device: '2001',
  activity: 'available',
  breakState: null,
  stateSince: '2026-11-23T10:00:00.000Z',
  campaign: { id: 'c1', name: 'Ventas' },
  queues: [],
  call: null,
  monitoredBy: null,
  source: 'gateway',
  seq: 1,
  ...over,
});

describe('supervision contracts', () => {
  it('folds deltas onto a snapshot and ignores stale or repeated ones', () => {
    const board = BoardSnapshotSchema.parse({
      version: 3,
      serverTime: '2026-11-23T10:00:00.000Z',
      scope: { all: true, campaignIds: [], queueIds: [] },
      rows: [row('a1'), row('a2')],
    });
    const next = applyBoardDelta(board, {
      version: 5,
      rows: [row('a1', { activity: 'talking' }), row('a3')],
      removed: ['a2'],
    });
    expect(next.version).toBe(5);
    expect(next.rows.map((r) => [r.agentId, r.activity])).toEqual([
      ['a1', 'talking'],
      ['a3', 'available'],
    ]);
    expect(applyBoardDelta(next, { version: 4, rows: [], removed: ['a1'] })).toBe(next);
  });

  it('scopes rows by campaign or queue; admins see all', () => {
    const scope = { all: false, campaignIds: ['c1'], queueIds: ['q9'] };
    expect(rowInScope(row('a1'), scope)).toBe(true);
    expect(rowInScope(row('a1', { campaign: null, queues: ['q9'] }), scope)).toBe(true);
    expect(rowInScope(row('a1', { campaign: { id: 'c2', name: 'x' }, queues: ['q1'] }), scope)).toBe(false);
    expect(rowInScope(row('a1', { campaign: null }), { all: true, campaignIds: [], queueIds: [] })).toBe(
      true,
    );
  });

  it('validates monitor commands and audit queries strictly', () => {
    expect(MonitorRequestSchema.safeParse({ mode: 'barge' }).success).toBe(true);
    expect(MonitorRequestSchema.safeParse({ mode: 'spy' }).success).toBe(false);
    expect(MonitorRequestSchema.safeParse({ mode: 'listen', extra: 1 }).success).toBe(false);
    expect(MonitorAuditQuerySchema.parse({ limit: '20' })).toEqual({ limit: 20 });
    expect(MonitorAuditQuerySchema.safeParse({ limit: '5000' }).success).toBe(false);
  });

  it('counts every activity in agents by state, and bounds the rates', () => {
    expect(Object.values(emptyAgentsByState()).every((n) => n === 0)).toBe(true);
    const figures = {
      kind: 'queue',
      id: 'q1',
      name: 'Soporte',
      callsWaiting: null,
      longestWaitSeconds: null,
      offered: 0,
      answered: 0,
      abandoned: 0,
      abandonRate: 1.5,
      serviceLevel: { thresholdSeconds: 20, answeredWithin: 0, rate: null },
      handled: 0,
      averageHandleSeconds: null,
      agentsByState: emptyAgentsByState(),
      pace: null,
    };
    expect(ScopeFiguresSchema.safeParse(figures).success).toBe(false);
    expect(ScopeFiguresSchema.safeParse({ ...figures, abandonRate: null }).success).toBe(true);
  });
});
