import type { EventsTarget } from './event-panels';
import type { HeldMemory } from './inspector-heap';
import { mib, ms, type Summary, table } from './stats';

/** One row of `npm run bench -- events`: a target with `processes` processes serving `agents`. */
export interface EventsSetup {
  label: string;
  target: EventsTarget;
  processes: number;
  agents: number;
}

export interface EventsResult extends EventsSetup {
  events: number;
  latency: Summary;
  lost: number;
  /** RSS growth of all the processes while the agents connected, over the agents. */
  memoryPerAgent: number;
  /** RSS growth while the second half of the agents connected, per agent of that half. */
  marginalMemoryPerAgent: number;
  /** Growth of what the processes hold once their garbage is collected (heap + external), after the load, over the agents. */
  heldPerAgent: number;
  /** RSS growth between two full collections, before the agents connected and after the load, over the agents. */
  rssAfterGcPerAgent: number;
  /** Each process's V8 heap after the load's collection: in use, and reserved (the rest of RSS is mostly this). */
  heapAfterGc: { usedBytes: number; committedBytes: number; spaces: HeldMemory['spaces'] }[];
  /** CPU of each process during the load, in cores. */
  cores: number[];
  cpuPerEventUs: number;
  /** Dialer events the gateway (all nodes) applied during the load; NaN for the relay. */
  appliedByGateway: number;
  /** The gateway's major (mark-compact) collections during the load, all nodes: each pauses its node. */
  majorGcs: { count: number; ms: number };
  /** Each gateway node's event-loop delay during the load (empty for the relay). */
  nodeLoopDelay: { p99Ms: number; maxMs: number }[];
  /** The cluster's Redis during the load. */
  redis?: { cores: number; rssBytes: number };
  /** The benchmark's own process (every panel socket) during the load: when it lags, so do the figures. */
  panels: {
    cores: number;
    loopDelayP99Ms: number;
    /** Panel sockets closed under the bench during the load, by reason (their events count as lost). */
    dropped: ReadonlyMap<string, number>;
    /** Agents that had to log in again while connecting. */
    retried: number;
  };
}

/** The table every run prints, then what was measured beside it. */
export function eventsReport(
  results: readonly EventsResult[],
  { rate, seconds, nodeFlags }: { rate: number; seconds: number; nodeFlags: readonly string[] },
): string {
  const rows = results.map((r) => [
    r.label,
    String(r.agents),
    String(r.events),
    ms(r.latency.p50),
    ms(r.latency.p99),
    ms(r.latency.max),
    String(r.lost),
    `${(r.memoryPerAgent / 1024).toFixed(1)} KiB`,
    `${(r.marginalMemoryPerAgent / 1024).toFixed(1)} KiB`,
    `${(r.rssAfterGcPerAgent / 1024).toFixed(1)} KiB`,
    `${(r.heldPerAgent / 1024).toFixed(1)} KiB`,
    r.cores.map((c) => c.toFixed(2)).join(' + '),
    `${r.cpuPerEventUs.toFixed(0)} µs`,
  ]);
  const notes = results.map((r) => {
    const redis = r.redis ? `Redis ${r.redis.cores.toFixed(2)} cores, RSS ${mib(r.redis.rssBytes)}; ` : '';
    const { cores, loopDelayP99Ms, dropped, retried } = r.panels;
    const reasons = [...dropped].map(([reason, n]) => `${n} (${reason})`).join(', ');
    const drops =
      (reasons ? `; panels dropped: ${reasons}` : '') + (retried ? `; ${retried} logins retried` : '');
    const applied = Number.isNaN(r.appliedByGateway)
      ? ''
      : `${r.appliedByGateway} events applied by the gateway; ` +
        `major GCs ${r.majorGcs.count} (${r.majorGcs.ms.toFixed(0)} ms in all); ` +
        `event-loop delay per node p99 ${r.nodeLoopDelay.map((d) => ms(d.p99Ms)).join(' + ')}, ` +
        `max ${r.nodeLoopDelay.map((d) => ms(d.maxMs)).join(' + ')}; `;
    const heap = `V8 heap after GC ${r.heapAfterGc.map(heapFigures).join(' + ')}; `;
    return `- ${r.label}, ${r.agents} agents: ${applied}${heap}${redis}panels' process ${cores.toFixed(2)} cores, event-loop delay p99 ${ms(loopDelayP99Ms)}${drops}`;
  });
  const clustered = results.some((r) => r.processes > 1);
  return (
    `\nAgent events, dialer → panel (${rate} events/s spread over all agents, ${seconds}s each` +
    `${nodeFlags.length ? `; services run with ${nodeFlags.join(' ')}` : ''})\n\n` +
    table(
      [
        'target',
        'agents',
        'events',
        'p50',
        'p99',
        'max',
        'lost',
        'RSS/agent',
        'RSS/agent, 2nd half',
        'RSS/agent after GC',
        'held/agent',
        'CPU (cores)',
        'CPU/event',
      ],
      rows,
    ) +
    '\n\n' +
    'RSS/agent: RSS growth while the agents connected (uncollected garbage of the logins included).\n' +
    "RSS/agent, 2nd half: RSS growth while the second half of the agents connected, per agent of that half (what one more agent costs, without the heap's one-off growth).\n" +
    'RSS/agent after GC: RSS growth from before the agents connected to after the load, each read right after a full garbage collection.\n' +
    'held/agent: JS heap + external memory growth after a full garbage collection, read after the load.\n' +
    (clustered
      ? 'Per cluster: all nodes over all agents (Redis apart); CPU (cores): one figure per node.\n'
      : '') +
    `During the load:\n${notes.join('\n')}\n`
  );
}

/** Used of reserved, and the spaces holding most of the reserve (young generation, old space…). */
function heapFigures(heap: EventsResult['heapAfterGc'][number]): string {
  const spaces = [...heap.spaces]
    .filter((s) => s.committedBytes >= 8 * 1024 * 1024)
    .sort((a, b) => b.committedBytes - a.committedBytes)
    .map((s) => `${s.name.replace(/_space$/, '')} ${mib(s.usedBytes)}/${mib(s.committedBytes)}`);
  return `${mib(heap.usedBytes)} used of ${mib(heap.committedBytes)} (${spaces.join(', ')})`;
}
