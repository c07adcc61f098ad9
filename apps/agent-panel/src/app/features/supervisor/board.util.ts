import type { AgentActivity, BoardRole, BoardRow, FiguresSnapshot, ScopeFigures } from '@puente/contracts';

/** The columns a supervisor can sort the board by. */
export type SortKey = 'agent' | 'state' | 'time' | 'campaign' | 'queue' | 'call' | 'monitor';
export type SortDir = 'asc' | 'desc';

export interface BoardFilter {
  campaignId: string | null;
  queueId: string | null;
  activity: AgentActivity | null;
  /** Agents only, or supervisors only (issue 16 §3); null for everyone. */
  role: BoardRole | null;
}

export const NO_FILTER: BoardFilter = { campaignId: null, queueId: null, activity: null, role: null };

/** The order states read in on a floor: who is busy first, who is gone last. */
const ACTIVITY_ORDER: Record<AgentActivity, number> = {
  talking: 0,
  reserved: 1,
  wrap_up: 2,
  available: 3,
  paused: 4,
  monitoring: 5,
  idle: 6,
  logged_out: 7,
};

export function matches(row: BoardRow, filter: BoardFilter): boolean {
  if (filter.campaignId && row.campaign?.id !== filter.campaignId) return false;
  if (filter.queueId && !row.queues.includes(filter.queueId)) return false;
  if (filter.role && row.role !== filter.role) return false;
  return !filter.activity || row.activity === filter.activity;
}

function stamp(iso: string | null | undefined): number {
  const value = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(value) ? Number.POSITIVE_INFINITY : value;
}

/**
 * The comparison of one column. Time columns compare start stamps, so the
 * order does not change every second as the clocks tick (an agent longest
 * in state stays first): sorting once per change, never once per tick.
 */
function compareBy(key: SortKey, a: BoardRow, b: BoardRow): number {
  switch (key) {
    case 'agent':
      return a.displayName.localeCompare(b.displayName) || a.user.localeCompare(b.user);
    case 'state':
      return (
        ACTIVITY_ORDER[a.activity] - ACTIVITY_ORDER[b.activity] ||
        (a.breakState?.name ?? '').localeCompare(b.breakState?.name ?? '')
      );
    case 'time':
      // Ascending = longest in state first, what a supervisor scans for.
      return stamp(a.stateSince) - stamp(b.stateSince);
    case 'campaign':
      return (a.campaign?.name ?? '\uffff').localeCompare(b.campaign?.name ?? '\uffff');
    case 'queue':
      return (a.queues[0] ?? '\uffff').localeCompare(b.queues[0] ?? '\uffff');
    case 'call':
      return stamp(a.call?.answeredAt ?? a.call?.startedAt) - stamp(b.call?.answeredAt ?? b.call?.startedAt);
    case 'monitor':
      return Number(!a.monitoredBy) - Number(!b.monitoredBy);
  }
}

/** Filtered and sorted rows; ties fall back to the name, so the order is stable between deltas. */
export function visibleRows(
  rows: Iterable<BoardRow>,
  filter: BoardFilter,
  key: SortKey,
  dir: SortDir,
): BoardRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const list: BoardRow[] = [];
  for (const row of rows) if (matches(row, filter)) list.push(row);
  return list.sort(
    (a, b) =>
      sign * compareBy(key, a, b) ||
      a.displayName.localeCompare(b.displayName) ||
      (a.agentId < b.agentId ? -1 : 1),
  );
}

export interface Option {
  id: string;
  name: string;
}

/** Campaigns and queues to filter by: what the rows and the figures name, sorted by name. */
export function filterOptions(
  rows: Iterable<BoardRow>,
  figures: readonly ScopeFigures[],
): { campaigns: Option[]; queues: Option[] } {
  const campaigns = new Map<string, string>();
  const queues = new Map<string, string>();
  for (const f of figures) (f.kind === 'campaign' ? campaigns : queues).set(f.id, f.name);
  for (const row of rows) {
    if (row.campaign && !campaigns.has(row.campaign.id)) campaigns.set(row.campaign.id, row.campaign.name);
    for (const q of row.queues) if (!queues.has(q)) queues.set(q, q);
  }
  const sorted = (m: Map<string, string>) =>
    [...m].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  return { campaigns: sorted(campaigns), queues: sorted(queues) };
}

/** The gateway sends all figures on connect and then only those that changed: merge by kind and id. */
export function mergeFigures(current: readonly ScopeFigures[], update: FiguresSnapshot): ScopeFigures[] {
  const byKey = new Map(current.map((f) => [`${f.kind}:${f.id}`, f]));
  for (const f of update.items) byKey.set(`${f.kind}:${f.id}`, f);
  return [...byKey.values()].sort((a, b) =>
    a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'campaign' ? -1 : 1,
  );
}

/** A rate (0..1) as a whole percentage, or a dash when there were no calls yet. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

/** Which rows a scrolled window shows: the visible ones plus a margin, so fast scrolling never shows a gap. */
export function windowOf(
  total: number,
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  overscan = 8,
): { start: number; end: number } {
  const count = Math.ceil(Math.max(viewport, rowHeight) / rowHeight);
  // A list that shrank under a scrolled view still shows its last rows until the browser clamps the scroll.
  const first = Math.min(Math.floor(Math.max(0, scrollTop) / rowHeight), Math.max(0, total - count));
  const start = Math.max(0, first - overscan);
  return { start, end: Math.min(total, first + count + overscan) };
}
