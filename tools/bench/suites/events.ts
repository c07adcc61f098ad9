import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startRedis, type TestRedis } from '@puente/server-kit/redis-server';
import type { Socket } from 'socket.io-client';
import { inBatches } from '../lib/agents';
import { BenchDialerProcess } from '../lib/bench-dialer-process';
import { benchGateway, type GatewayCounters, gatewayCounters } from '../lib/bench-gateway';
import { ChildService } from '../lib/child-service';
import { connectPanel, type PanelTally } from '../lib/event-panels';
import { HeapSampling } from '../lib/heap-sampling';
import { heldMemory, writeHeapSnapshot } from '../lib/inspector-heap';
import { eventsReport, type EventsResult, type EventsSetup } from '../lib/events-report';
import { coresUsed, type ProcessSample, sampleProcess } from '../lib/process-probe';
import { summarise } from '../lib/stats';
import { type BenchSuite, option, positiveInts } from '../lib/suite';

export const suite: BenchSuite = {
  usage: `[--agents 1000,5000] [--rate 1000] [--seconds 15] [--nodes 1] [--node-flags "--optimize-for-size"]
  [--heap-profile /tmp/logins] [--heap-profile-phase logins|load] [--heap-snapshot /tmp/held]
Dialer → gateway → panel delay of agent events (p50/p99), lost events,
gateway memory per agent and CPU per event, next to a bare socket.io relay.
--nodes 2 (--agents then defaults to 10000): two gateway nodes on a Redis
of their own serving N agents (logins and panels alternate between the
nodes), beside one node and the bare relay at N/2 each, in one table.
--node-flags: V8/Node flags for every service measured (space-separated).
--heap-profile: V8's sampling heap profile of the first gateway node while
the agents log in, what reached its old generation (garbage included), one
file per gateway row: <prefix>-<phase>-<nodes>n-<agents>.heapprofile (DevTools).
It collects garbage before the load: take figures from runs without it.
--heap-profile-phase load: profile the load instead of the logins (what the
events promote: the garbage behind major collections under load; a major
collection during the load adds the young generation's garbage of that
moment too, so read promotion from --trace-gc-nvp and the gc-log suite).
--heap-snapshot: heap snapshots of each row's first process, before the
agents log in and after the load (<prefix>-<target>-<nodes>n-<agents>-
before|after.heapsnapshot): diff them for what each agent holds. Writing one grows the
process before the logins: take figures from runs without it.`,
  builds: ['gateway'],
  run: (args, { workspaceRoot }) => {
    const nodes = positiveInts(option(args, 'nodes', '1'), 'nodes')[0];
    return runEventsBench({
      workspaceRoot,
      nodes,
      agents: positiveInts(option(args, 'agents', nodes > 1 ? '10000' : '1000,5000'), 'agents'),
      rate: positiveInts(option(args, 'rate', '1000'), 'rate')[0],
      seconds: positiveInts(option(args, 'seconds', '15'), 'seconds')[0],
      nodeFlags: option(args, 'node-flags', '').split(' ').filter(Boolean),
      heapProfile: option(args, 'heap-profile', '') || undefined,
      heapProfilePhase: profilePhase(option(args, 'heap-profile-phase', 'logins')),
      heapSnapshot: option(args, 'heap-snapshot', '') || undefined,
    });
  },
};

export interface EventsOptions {
  /** 1: the gateway next to the relay at each agent count; more: a cluster of that many nodes first. */
  nodes: number;
  agents: number[];
  rate: number;
  seconds: number;
  /** Node flags for every service measured (e.g. --optimize-for-size), on top of INSPECT. */
  nodeFlags: string[];
  /** Where to write the sampling heap profile of each gateway row's logins (a path prefix). */
  heapProfile?: string;
  /** Which phase the heap profile covers. */
  heapProfilePhase?: ProfilePhase;
  /** Where to write heap snapshots of each row's first process, before the logins and after the load (a path prefix). */
  heapSnapshot?: string;
  workspaceRoot: string;
}

type ProfilePhase = 'logins' | 'load';

function profilePhase(value: string): ProfilePhase {
  if (value === 'logins' || value === 'load') return value;
  throw new Error(`--heap-profile-phase: logins or load, not ${value}`);
}

const SETTLE_MS = 1500;
/** Logins and panel connections in flight at once. */
const CONNECTING = 25;
const CONNECT_ATTEMPTS = 3;
/** Node flags of the services: an inspector on a free loopback port, and gc(), for heldMemory. */
const INSPECT = ['--inspect=127.0.0.1:0', '--expose-gc'];

/**
 * `npm run bench -- events --agents 1000,5000`: the delay from the dialer
 * emitting an agent event to the agent's panel receiving it through the
 * gateway (issue 4), next to a bare socket.io relay doing only the
 * forwarding, so the gateway's own cost (validation, reducer, persistence,
 * sequencing) is visible. `--nodes 2 --agents 10000` (issue 18 §3) puts the
 * cluster first: two gateway nodes on Redis, beside one node and the relay
 * at half the agents, the load each node carries. What is measured runs in
 * child processes, read from outside (/proc): RSS per connected agent, CPU.
 */
export async function runEventsBench(options: EventsOptions): Promise<void> {
  const results: EventsResult[] = [];
  for (const agents of options.agents) {
    for (const setup of setups(options.nodes, agents)) {
      process.stderr.write(
        `\n${setup.label}: ${setup.agents} agents, ${options.rate} events/s for ${options.seconds}s…\n`,
      );
      results.push(await runOnce(setup, options));
    }
  }
  process.stdout.write(eventsReport(results, options));
}

function setups(nodes: number, agents: number): EventsSetup[] {
  if (nodes === 1)
    return [
      { label: 'gateway', target: 'gateway', processes: 1, agents },
      { label: 'bare relay', target: 'bare relay', processes: 1, agents },
    ];
  const perNode = Math.ceil(agents / nodes);
  return [
    { label: `gateway, ${nodes} nodes`, target: 'gateway', processes: nodes, agents },
    { label: 'gateway, 1 node', target: 'gateway', processes: 1, agents: perNode },
    { label: 'bare relay', target: 'bare relay', processes: 1, agents: perNode },
  ];
}

async function runOnce(setup: EventsSetup, options: EventsOptions): Promise<EventsResult> {
  const { target, processes, agents } = setup;
  // The dialer holds one push stream per agent: in a process of its own (see dialer-process.ts).
  const dialer = await BenchDialerProcess.start(agents);
  const dataDirs: string[] = [];
  const services: ChildService[] = [];
  const sockets: Socket[] = [];
  let redis: TestRedis | undefined;
  try {
    if (target === 'gateway' && processes > 1) redis = await startRedis();
    for (let n = 0; n < processes; n++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'bench-events-'));
      dataDirs.push(dataDir);
      const { workspaceRoot } = options;
      const relay = join(workspaceRoot, 'tools/bench/lib/bare-relay.mjs');
      services.push(
        target === 'gateway'
          ? benchGateway({
              workspaceRoot,
              dialerUrl: dialer.url,
              dataDir,
              redisUrl: redis?.url,
              nodeFlags: [...INSPECT, ...options.nodeFlags],
            })
          : new ChildService(relay, {}, 'RELAY_PORT', '/health', [...INSPECT, ...options.nodeFlags]),
      );
    }
    for (const service of services) await service.start();
    await sleep(SETTLE_MS);
    const held = () => Promise.all(services.map((s) => heldMemory(s.inspectorUrl ?? '')));
    const heldBefore = await held();
    const snapshot = (when: string) =>
      options.heapSnapshot &&
      writeHeapSnapshot(
        services[0].inspectorUrl ?? '',
        `${options.heapSnapshot}-${target.replace(' ', '-')}-${processes}n-${agents}-${when}.heapsnapshot`,
      );
    await snapshot('before');
    const profile = options.heapProfile && target === 'gateway' ? options.heapProfile : undefined;
    const phase = options.heapProfilePhase ?? 'logins';
    const profileFile = `${profile}-${phase}-${processes}n-${agents}.heapprofile`;
    const profileNode = () => HeapSampling.start(services[0].inspectorUrl ?? '', phase);
    let profiling = profile && phase === 'logins' ? await profileNode() : undefined;
    const sample = () => services.map((s) => sampleProcess(s.pid));
    const before = sample();
    const tally: PanelTally = { latencies: [], dropped: new Map() };
    const indices = Array.from({ length: agents }, (_, i) => i);
    let retried = 0;
    let halfway: ProcessSample[] | undefined;
    await inBatches(indices, CONNECTING, async (i) => {
      // Agents alternate between the nodes; each panel connects to the node that took its login.
      const node = services[i % processes].url;
      const place = { target, loginUrl: node, socketUrl: node, dialerUrl: dialer.url };
      // An attempt cut short (a heartbeat missed on a starved machine) logs in again, as a panel would.
      for (let attempt = 1; ; attempt++) {
        try {
          sockets.push(await connectPanel(place, i, tally));
          break;
        } catch (error) {
          if (attempt === CONNECT_ATTEMPTS) throw error;
          retried++;
        }
      }
      if (sockets.length === Math.floor(agents / 2)) halfway = sample();
      if (sockets.length % 2000 === 0) process.stderr.write(`  ${sockets.length} connected\n`);
    });
    await sleep(SETTLE_MS);
    const connected = sample();
    await profiling?.stop(profileFile);
    if (profile && phase === 'load') profiling = await profileNode();
    tally.latencies.length = 0;
    tally.dropped.clear();
    const redisFrom = redis && sampleProcess(redis.pid);
    const perNode = (): Promise<GatewayCounters[]> =>
      target === 'gateway' ? Promise.all(services.map((s) => gatewayCounters(s.url))) : Promise.resolve([]);
    const countersBefore = sumCounters(await perNode());
    const panels = watchThisProcess();
    const emitted = await dialer.load(options.rate, options.seconds);
    const panelFigures = panels.stop();
    await sleep(SETTLE_MS);
    const after = sample();
    const nodesAfter = await perNode();
    const countersAfter = sumCounters(nodesAfter);
    // Before the collection below, which may pause the services long enough to drop panels.
    const received = [...tally.latencies];
    const dropped = new Map(tally.dropped);
    const redisTo = redis && sampleProcess(redis.pid);
    // Last: the collections pause the services (their panels may drop), the timed figures are in.
    if (phase === 'load') await profiling?.stop(profileFile);
    const heldAfter = await held();
    await snapshot('after');
    const heldGrowth = heldAfter.reduce(
      (sum, h, n) =>
        sum + h.heapBytes + h.externalBytes - heldBefore[n].heapBytes - heldBefore[n].externalBytes,
      0,
    );
    const grown = connected.reduce((sum, c, n) => sum + c.rssBytes - before[n].rssBytes, 0);
    // The second half's agents only: what one more agent costs, without the heap's one-off growth.
    const mid = halfway ?? before;
    const grownLater = connected.reduce((sum, c, n) => sum + c.rssBytes - mid[n].rssBytes, 0);
    const rssGrowthAfterGc = heldAfter.reduce((sum, h, n) => sum + h.rssBytes - heldBefore[n].rssBytes, 0);
    return {
      ...setup,
      events: emitted,
      latency: summarise(received),
      lost: emitted - received.length,
      memoryPerAgent: grown / agents,
      marginalMemoryPerAgent: grownLater / (agents - Math.floor(agents / 2)),
      heldPerAgent: heldGrowth / agents,
      rssAfterGcPerAgent: rssGrowthAfterGc / agents,
      heapAfterGc: heldAfter.map((h) => ({
        usedBytes: h.heapBytes,
        committedBytes: h.committedHeapBytes,
        spaces: h.spaces,
      })),
      cores: connected.map((c, n) => coresUsed(c, after[n])),
      cpuPerEventUs: cpuPerEvent(connected, after, emitted),
      redis: redisFrom && redisTo && { cores: coresUsed(redisFrom, redisTo), rssBytes: redisTo.rssBytes },
      panels: { ...panelFigures, dropped, retried },
      appliedByGateway: countersAfter.applied - countersBefore.applied,
      majorGcs: {
        count: countersAfter.majorGcs - countersBefore.majorGcs,
        ms: (countersAfter.majorGcSeconds - countersBefore.majorGcSeconds) * 1000,
      },
      nodeLoopDelay: nodesAfter.map((c) => ({
        p99Ms: c.loopDelayP99Seconds * 1000,
        maxMs: c.loopDelayMaxSeconds * 1000,
      })),
    };
  } finally {
    for (const s of sockets) s.close();
    await Promise.all(services.map((service) => service.stop()));
    await dialer.stop();
    await redis?.stop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU and event-loop delay of this process (every panel socket lives here) from now until stop(). */
function watchThisProcess(): { stop(): Pick<EventsResult['panels'], 'cores' | 'loopDelayP99Ms'> } {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const cpu = process.cpuUsage();
  const at = performance.now();
  return {
    stop() {
      loop.disable();
      const used = process.cpuUsage(cpu);
      return {
        cores: (used.user + used.system) / 1000 / (performance.now() - at),
        loopDelayP99Ms: loop.percentile(99) / 1e6,
      };
    },
  };
}

/** The nodes' counts added up (the loop delays are per node: see nodeLoopDelay). */
function sumCounters(
  all: readonly GatewayCounters[],
): Pick<GatewayCounters, 'applied' | 'majorGcs' | 'majorGcSeconds'> {
  return all.reduce(
    (sum, c) => ({
      applied: sum.applied + c.applied,
      majorGcs: sum.majorGcs + c.majorGcs,
      majorGcSeconds: sum.majorGcSeconds + c.majorGcSeconds,
    }),
    { applied: all.length ? 0 : Number.NaN, majorGcs: 0, majorGcSeconds: 0 },
  );
}

function cpuPerEvent(from: ProcessSample[], to: ProcessSample[], events: number): number {
  const cpuMs = to.reduce((sum, t, n) => sum + t.cpuMs - from[n].cpuMs, 0);
  return events > 0 ? (cpuMs * 1000) / events : 0;
}

function sleep(msec: number): Promise<void> {
  return new Promise((r) => setTimeout(r, msec));
}
