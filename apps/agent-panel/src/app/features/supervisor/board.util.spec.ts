import type { FiguresSnapshot, ScopeFigures } from '@puente/contracts';
import { emptyAgentsByState } from '@puente/contracts';
import { boardRow } from './board.testing';
import {
  filterOptions,
  matches,
  mergeFigures,
  NO_FILTER,
  percent,
  visibleRows,
  windowOf,
} from './board.util';

function figures(kind: 'campaign' | 'queue', id: string, answered = 0): ScopeFigures {
  return {
    kind,
    id,
    name: `${kind} ${id}`,
    callsWaiting: null,
    longestWaitSeconds: null,
    offered: answered,
    answered,
    abandoned: 0,
    abandonRate: null,
    serviceLevel: { thresholdSeconds: 20, answeredWithin: 0, rate: null },
    handled: 0,
    averageHandleSeconds: null,
    agentsByState: emptyAgentsByState(),
    pace: null,
  };
}

describe('board.util', () => {
  it('filters by campaign, queue and state together', () => {
    const row = boardRow(1, { campaign: { id: '7', name: 'Ventas' }, queues: ['2'], activity: 'talking' });
    expect(matches(row, NO_FILTER)).toBe(true);
    expect(matches(row, { ...NO_FILTER, campaignId: '7', queueId: '2', activity: 'talking' })).toBe(true);
    expect(matches(row, { ...NO_FILTER, campaignId: '8' })).toBe(false);
    expect(matches(row, { ...NO_FILTER, queueId: '1' })).toBe(false);
    expect(matches(row, { ...NO_FILTER, activity: 'paused' })).toBe(false);
  });

  it('sorts by state in floor order, by time with the longest in state first, and reverses', () => {
    const rows = [
      boardRow(3, { activity: 'paused' }),
      boardRow(2, { activity: 'talking' }),
      boardRow(1, { activity: 'available' }),
    ];
    expect(visibleRows(rows, NO_FILTER, 'state', 'asc').map((r) => r.activity)).toEqual([
      'talking',
      'available',
      'paused',
    ]);
    expect(visibleRows(rows, NO_FILTER, 'time', 'asc').map((r) => r.agentId)).toEqual([
      'a0001',
      'a0002',
      'a0003',
    ]);
    expect(visibleRows(rows, NO_FILTER, 'time', 'desc').map((r) => r.agentId)).toEqual([
      'a0003',
      'a0002',
      'a0001',
    ]);
  });

  it("sorts by queue (the full-page board's column), agents serving none last", () => {
    const rows = [
      boardRow(1, { queues: [] }),
      boardRow(2, { queues: ['7'] }),
      boardRow(3, { queues: ['3', '9'] }),
    ];
    expect(visibleRows(rows, NO_FILTER, 'queue', 'asc').map((r) => r.agentId)).toEqual([
      'a0003',
      'a0002',
      'a0001',
    ]);
  });

  it('keeps ties in name order, so a delta never reshuffles equal rows', () => {
    const rows = [boardRow(2), boardRow(1), boardRow(3)];
    expect(visibleRows(rows, NO_FILTER, 'state', 'asc').map((r) => r.agentId)).toEqual([
      'a0001',
      'a0002',
      'a0003',
    ]);
  });

  it('offers the campaigns and queues the figures and rows name', () => {
    const options = filterOptions(
      [boardRow(1, { queues: ['9'] })],
      [figures('queue', '1'), figures('campaign', '5')],
    );
    expect(options.campaigns.map((o) => o.id)).toEqual(['2', '5']);
    expect(options.queues).toEqual([
      { id: '9', name: '9' },
      { id: '1', name: 'queue 1' },
    ]);
  });

  it('merges figures that changed into those already shown', () => {
    const first: FiguresSnapshot = {
      at: '',
      periodStart: '',
      dialerAt: null,
      items: [figures('queue', '1'), figures('campaign', '1')],
    };
    const merged = mergeFigures(mergeFigures([], first), { ...first, items: [figures('queue', '1', 4)] });
    expect(merged.map((f) => `${f.kind}:${f.id}:${f.answered}`)).toEqual(['campaign:1:0', 'queue:1:4']);
  });

  it('windows a long list to the rows in view plus a margin', () => {
    expect(windowOf(500, 0, 360, 36)).toEqual({ start: 0, end: 18 });
    expect(windowOf(500, 3600, 360, 36)).toEqual({ start: 92, end: 118 });
    expect(windowOf(20, 3600, 360, 36)).toEqual({ start: 2, end: 20 });
    expect(percent(null)).toBe('—');
    expect(percent(0.956)).toBe('96%');
  });
});
