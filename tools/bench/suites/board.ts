import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BoardDelta,
  type BoardSnapshot,
  SOCKET_NAMESPACES,
  type SessionResponse,
} from '@puente/contracts';
import type { NeoPosition } from '@puente/neoapi';
import { FakeNeoApiServer } from '@puente/neoapi/testing';
import { io, type Socket } from 'socket.io-client';
import { BENCH_PASSWORD, benchUser, inBatches } from '../lib/agents';
import { benchGateway } from '../lib/bench-gateway';
import { coresUsed, sampleProcess } from '../lib/process-probe';
import { mib, ms, summarise, table } from '../lib/stats';
import { type BenchSuite, option, positiveInts } from '../lib/suite';

export const suite: BenchSuite = {
  usage: `[--agents 2000] [--supervisors 20] [--rate 200,1000] [--seconds 15]
Agent state change → every supervisor's board: p99 of the delay until the
LAST supervisor sees it, events not seen by all, the gateway's CPU (cores)
and CPU per event. Every supervisor watches every agent (the worst fan-out).`,
  builds: ['gateway'],
  run: (args, { workspaceRoot }) =>
    runBoardBench({
      workspaceRoot,
      agents: positiveInts(option(args, 'agents', '2000'), 'agents')[0],
      supervisors: positiveInts(option(args, 'supervisors', '20'), 'supervisors')[0],
      rates: positiveInts(option(args, 'rate', '200,1000'), 'rate'),
      seconds: positiveInts(option(args, 'seconds', '15'), 'seconds')[0],
    }),
};

export interface BoardOptions {
  agents: number;
  supervisors: number;
  rates: number[];
  seconds: number;
  workspaceRoot: string;
}

const QUEUE = 'q1';
const SETTLE_MS = 1500;
/** Marks the bench's changes in the break name, so the delay is measured per change, not per row. */
const MARK = 'bench ';

/**
 * `npm run bench -- board --agents 2000 --supervisors 20` (issue 8 §6). The
 * gateway runs from dist as a child process (measured from outside, /proc)
 * against the scripted dialer; the agents log in through the gateway (their
 * dialer streams open at login; their panels are not connected — the events
 * suite measures that path), the supervisors connect to /supervisors and
 * keep their boards. The load is AgentState events pushed by the dialer,
 * round-robin over the agents; each carries a unique break name, and the
 * delay of a change is until the last supervisor's board shows it.
 */
export async function runBoardBench(options: BoardOptions): Promise<void> {
  const dialer = await boardDialer(options.agents, options.supervisors);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-board-'));
  const gateway = benchGateway({ workspaceRoot: options.workspaceRoot, dialerUrl: dialer.url, dataDir });
  const boards: Socket[] = [];
  const rows: string[][] = [];
  try {
    await gateway.start();
    await sleep(SETTLE_MS);
    const idle = sampleProcess(gateway.pid);
    process.stderr.write(`logging in ${options.agents} agents…\n`);
    await inBatches(
      Array.from({ length: options.agents }, (_, i) => i),
      25,
      async (i) => {
        const { user, device } = benchUser(i);
        await login(gateway.url, user, device);
      },
    );
    const seen = new Map<number, number[]>();
    process.stderr.write(`connecting ${options.supervisors} supervisors…\n`);
    for (let s = 0; s < options.supervisors; s++) boards.push(await connectSupervisor(gateway.url, s, seen));
    // The first listing is read once a supervisor is logged in: wait until every board is whole.
    for (const [s, socket] of boards.entries()) {
      const deadline = performance.now() + 30_000;
      for (;;) {
        const board = (await socket.timeout(10_000).emitWithAck('board.sync')) as BoardSnapshot;
        if (board.rows.length >= options.agents) break;
        if (performance.now() > deadline)
          throw new Error(`supervisor ${s + 1} sees ${board.rows.length} of ${options.agents} agents`);
        await sleep(500);
      }
    }
    await sleep(SETTLE_MS);
    const connected = sampleProcess(gateway.pid);
    for (const rate of options.rates) {
      process.stderr.write(`${rate} changes/s for ${options.seconds}s…\n`);
      seen.clear();
      const emitted = new Map<number, number>();
      const before = sampleProcess(gateway.pid);
      await emitLoad(dialer, options.agents, rate, options.seconds, emitted);
      await sleep(SETTLE_MS);
      const after = sampleProcess(gateway.pid);
      const lastSeen: number[] = [];
      let incomplete = 0;
      for (const [n, at] of emitted) {
        const times = seen.get(n);
        if (!times || times.length < options.supervisors) incomplete++;
        else lastSeen.push(Math.max(...times) - at);
      }
      const delay = summarise(lastSeen);
      const cpuMs = after.cpuMs - before.cpuMs;
      rows.push([
        String(options.agents),
        String(options.supervisors),
        String(rate),
        String(emitted.size),
        ms(delay.p50),
        ms(delay.p99),
        ms(delay.max),
        String(incomplete),
        coresUsed(before, after).toFixed(2),
        `${emitted.size ? ((cpuMs * 1000) / emitted.size).toFixed(0) : 'n/a'} µs`,
        mib(after.rssBytes),
      ]);
    }
    process.stdout.write(
      `\nBoard: agent state change → every supervisor's board (gateway idle RSS ${mib(idle.rssBytes)}, with ${options.agents} agents and ${options.supervisors} boards ${mib(connected.rssBytes)})\n\n` +
        table(
          [
            'agents',
            'boards',
            'changes/s',
            'changes',
            'p50 (all)',
            'p99 (all)',
            'max',
            'not seen by all',
            'CPU (cores)',
            'CPU/change',
            'RSS',
          ],
          rows,
        ) +
        '\n',
    );
  } finally {
    for (const s of boards) s.close();
    gateway.stop();
    await dialer.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The scripted dialer: bench agents in queue q1, supervisors of q1, and what the board reads from the dialer. */
async function boardDialer(agents: number, supervisors: number): Promise<FakeNeoApiServer> {
  const dialer = new FakeNeoApiServer();
  const base = { email: null, breakState: null, campaignId: null, queueIds: [QUEUE] };
  for (let i = 0; i < agents; i++) {
    const { agentId, user } = benchUser(i);
    dialer.addUser({
      password: BENCH_PASSWORD,
      agent: { ...base, agentId, user, displayName: `Bench ${i + 1}`, roles: ['agent'] },
    });
  }
  for (let s = 0; s < supervisors; s++) {
    const { agentId, user } = supervisor(s);
    dialer.addUser({
      password: BENCH_PASSWORD,
      agent: { ...base, agentId, user, displayName: user, roles: ['supervisor'] },
    });
  }
  // The board takes the queues an agent serves from the dialer's listing (refreshed every few
  // seconds), so the listing names every bench agent; their live state comes from their events.
  const stamp = new Date().toISOString();
  const listing: NeoPosition[] = Array.from({ length: agents }, (_, i) => {
    const { agentId, user, device } = benchUser(i);
    return {
      seq: 0,
      agent: {
        ...base,
        agentId,
        user,
        device,
        displayName: `Bench ${i + 1}`,
        roles: ['agent'],
        state: 'idle',
        stateSince: stamp,
      },
      call: null,
      contact: null,
      monitoring: null,
      monitoredBy: null,
    };
  });
  dialer.on('Get_Agents', () => ({ agents: listing }));
  dialer.on('Get_Campaigns', () => ({ campaigns: [] }));
  dialer.on('Get_Queues', () => ({
    queues: [
      {
        id: QUEUE,
        name: 'Bench',
        crmId: '1',
        baseId: '1',
        searchField: 'Clave_1',
        keyExpression: 'CLAVESF',
        serviceLevelSeconds: 20,
      },
    ],
  }));
  dialer.on('Get_Figures', () => ({
    at: new Date().toISOString(),
    campaigns: [],
    queues: [{ queueId: QUEUE, callsWaiting: 0, longestWaitSeconds: 0, abandoned: 0 }],
  }));
  await dialer.start();
  return dialer;
}

function supervisor(s: number): { agentId: string; user: string; device: string } {
  const n = String(s + 1).padStart(3, '0');
  return { agentId: `s${n}`, user: `super${n}`, device: `8${n}` };
}

async function login(url: string, user: string, device: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ device, user, password: BENCH_PASSWORD }),
  });
  if (res.status !== 201) throw new Error(`login of ${user} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as SessionResponse).accessToken;
}

/** A supervisor's board: records, per marked change, when this board saw it. */
async function connectSupervisor(url: string, s: number, seen: Map<number, number[]>): Promise<Socket> {
  const { user, device } = supervisor(s);
  const token = await login(url, user, device);
  const socket = io(`${url}${SOCKET_NAMESPACES.supervisors}`, {
    transports: ['websocket'],
    auth: { token },
    reconnection: false,
  });
  socket.on('board.delta', (delta: BoardDelta) => {
    const now = performance.now();
    for (const row of delta.rows) {
      const name = row.breakState?.name;
      if (!name?.startsWith(MARK)) continue;
      const n = Number(name.slice(MARK.length));
      const times = seen.get(n);
      if (times) times.push(now);
      else seen.set(n, [now]);
    }
  });
  await new Promise<BoardSnapshot>((resolve, reject) => {
    socket.once('board.snapshot', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Pushes `rate` AgentState events per second for `seconds`, in 10 ms ticks, round-robin over the agents. */
async function emitLoad(
  dialer: FakeNeoApiServer,
  agents: number,
  rate: number,
  seconds: number,
  emitted: Map<number, number>,
): Promise<void> {
  const started = performance.now();
  let n = emitted.size;
  let next = 0;
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    for (; n < due; n++) {
      const { agentId } = benchUser(next);
      next = (next + 1) % agents;
      emitted.set(n, performance.now());
      dialer.emit(agentId, 'AgentState', {
        state: 'paused',
        breakState: { id: String(1 + (n % 3)), name: `${MARK}${n}` },
      });
    }
    await sleep(10);
  }
}

function sleep(msec: number): Promise<void> {
  return new Promise((r) => setTimeout(r, msec));
}
