import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AgentEvent, SOCKET_NAMESPACES, type SessionResponse } from '@puente/contracts';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { io, type Socket } from 'socket.io-client';
import { BENCH_PASSWORD, benchDialer, benchUser, inBatches } from '../lib/agents';
import { ChildService } from '../lib/child-service';
import { coresUsed, type ProcessSample, sampleProcess } from '../lib/process-probe';
import { ms, summarise, type Summary, table } from '../lib/stats';
import { type BenchSuite, option, positiveInts } from '../lib/suite';

export const suite: BenchSuite = {
  usage: `[--agents 1000,5000] [--rate 1000] [--seconds 15]
Dialer → gateway → panel delay of agent events (p50/p99), lost events,
gateway memory per agent and CPU per event, next to a bare socket.io relay.`,
  builds: ['gateway'],
  run: (args, { workspaceRoot }) =>
    runEventsBench({
      workspaceRoot,
      agents: positiveInts(option(args, 'agents', '1000,5000'), 'agents'),
      rate: positiveInts(option(args, 'rate', '1000'), 'rate')[0],
      seconds: positiveInts(option(args, 'seconds', '15'), 'seconds')[0],
    }),
};

export interface EventsOptions {
  agents: number[];
  rate: number;
  seconds: number;
  workspaceRoot: string;
}

interface RunResult {
  target: string;
  agents: number;
  events: number;
  latency: Summary;
  lost: number;
  memoryPerAgent: number;
  cores: number;
  cpuPerEventUs: number;
}

const SETTLE_MS = 1500;

/**
 * `npm run bench -- events --agents 1000,5000`: the delay from the dialer
 * emitting an agent event to the agent's panel receiving it through the
 * gateway (issue 4), next to a bare socket.io relay doing only the
 * forwarding, so the gateway's own cost (validation, reducer, persistence,
 * sequencing) is visible. Both run as child processes and are measured from
 * outside (/proc): RSS per connected agent, CPU per event.
 */
export async function runEventsBench(options: EventsOptions): Promise<void> {
  const results: RunResult[] = [];
  for (const agents of options.agents) {
    for (const target of ['gateway', 'bare relay'] as const) {
      process.stderr.write(
        `\n${target}: ${agents} agents, ${options.rate} events/s for ${options.seconds}s…\n`,
      );
      results.push(await runOnce(target, agents, options));
    }
  }
  process.stdout.write(
    `\nAgent events, dialer → panel (${options.rate} events/s spread over all agents, ${options.seconds}s each)\n\n` +
      table(
        ['target', 'agents', 'events', 'p50', 'p99', 'max', 'lost', 'RSS/agent', 'CPU (cores)', 'CPU/event'],
        results.map((r) => [
          r.target,
          String(r.agents),
          String(r.events),
          ms(r.latency.p50),
          ms(r.latency.p99),
          ms(r.latency.max),
          String(r.lost),
          `${(r.memoryPerAgent / 1024).toFixed(1)} KiB`,
          r.cores.toFixed(2),
          `${r.cpuPerEventUs.toFixed(0)} µs`,
        ]),
      ) +
      '\n',
  );
}

async function runOnce(
  target: 'gateway' | 'bare relay',
  agents: number,
  options: EventsOptions,
): Promise<RunResult> {
  const dialer = await benchDialer(agents);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-events-'));
  const service =
    target === 'gateway'
      ? new ChildService(
          join(options.workspaceRoot, 'dist/apps/gateway/main.js'),
          {
            DIALER_URL: dialer.url,
            SALESFORCE_URL: 'http://127.0.0.1:9',
            // Events never touch the contact database: point it nowhere, so its adapter costs nothing.
            CONTACT_DB_URL: 'postgres://postgres@127.0.0.1:9/postgres',
            PUENTE_DATA_DIR: dataDir,
            LOG_LEVEL: 'error',
            HEALTH_PROBE_INTERVAL_MS: '600000',
            DIALER_TIMEOUT_MS: '30000',
            GATEWAY_TOKEN_SECRET: 'bench-secret-bench-secret-bench-secret',
            // Thousands of agents log in from this one address: measure the gateway, not its login limits.
            LOGIN_RATE_PER_ADDRESS: '1000000',
          },
          'GATEWAY_PORT',
          '/health/live',
        )
      : new ChildService(join(options.workspaceRoot, 'tools/bench/lib/bare-relay.mjs'), {}, 'RELAY_PORT');
  await service.start();
  const sockets: Socket[] = [];
  try {
    await sleep(SETTLE_MS);
    const before = sampleProcess(service.pid);
    const indices = Array.from({ length: agents }, (_, i) => i);
    const latencies: number[] = [];
    await inBatches(indices, 25, async (i) => {
      sockets.push(await connect(target, service.url, dialer, i, latencies));
    });
    await sleep(SETTLE_MS);
    const connected = sampleProcess(service.pid);
    latencies.length = 0;
    const emitted = await emitLoad(dialer, agents, options.rate, options.seconds);
    await sleep(SETTLE_MS);
    const after = sampleProcess(service.pid);
    return {
      target,
      agents,
      events: emitted,
      latency: summarise(latencies),
      lost: emitted - latencies.length,
      memoryPerAgent: (connected.rssBytes - before.rssBytes) / agents,
      cores: coresUsed(connected, after),
      cpuPerEventUs: cpuPerEvent(connected, after, emitted),
    };
  } finally {
    for (const s of sockets) s.close();
    service.stop();
    await dialer.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function cpuPerEvent(from: ProcessSample, to: ProcessSample, events: number): number {
  return events > 0 ? ((to.cpuMs - from.cpuMs) * 1000) / events : 0;
}

async function connect(
  target: 'gateway' | 'bare relay',
  url: string,
  dialer: FakeNeoApiServer,
  i: number,
  latencies: number[],
): Promise<Socket> {
  const { user, device } = benchUser(i);
  let auth: Record<string, string>;
  if (target === 'gateway') {
    const res = await fetch(`${url}/api/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ device, user, password: BENCH_PASSWORD }),
    });
    if (res.status !== 201) throw new Error(`login of ${user} failed: ${res.status} ${await res.text()}`);
    auth = { token: ((await res.json()) as SessionResponse).accessToken };
  } else {
    // The relay logs in to the dialer on the agent's behalf, as the gateway does.
    const res = await fetch(`${dialer.url}/neoapi/v1/Login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ device, user, password: BENCH_PASSWORD }),
    });
    auth = {
      dialerToken: ((await res.json()) as { data: { token: string } }).data.token,
      dialerUrl: dialer.url,
    };
  }
  const path = target === 'gateway' ? SOCKET_NAMESPACES.agents : '/agents';
  const socket = io(`${url}${path}`, { transports: ['websocket'], auth, reconnection: false });
  socket.on('event', (e: AgentEvent) => {
    const name = (e.payload as { breakState?: { name?: string } | null }).breakState?.name;
    if (e.type === 'agent.state_changed' && name?.startsWith('bench'))
      latencies.push(Date.now() - Date.parse(e.at));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  if (target === 'gateway') await socket.emitWithAck('resume', { lastSeq: 0 });
  return socket;
}

/** Emits `rate` events per second for `seconds`, in 10 ms ticks, round-robin over the agents. */
async function emitLoad(
  dialer: FakeNeoApiServer,
  agents: number,
  rate: number,
  seconds: number,
): Promise<number> {
  const started = performance.now();
  let emitted = 0;
  let next = 0;
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    for (; emitted < due; emitted++) {
      const { agentId } = benchUser(next);
      next = (next + 1) % agents;
      const paused = emitted % 2 === 0;
      dialer.emit(agentId, 'AgentState', {
        state: paused ? 'paused' : 'available',
        breakState: paused ? { id: '1', name: `bench ${emitted}` } : { id: '0', name: `bench ${emitted}` },
      });
    }
    await sleep(10);
  }
  return emitted;
}

function sleep(msec: number): Promise<void> {
  return new Promise((r) => setTimeout(r, msec));
}
