import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AgentEvent, SOCKET_NAMESPACES, type SessionResponse } from '@puente/contracts';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import type { Connection } from 'jsforce';
import { io, type Socket } from 'socket.io-client';
import { BENCH_PASSWORD, benchDialer, benchUser } from '../lib/agents';
import { ChildService } from '../lib/child-service';
import { barePhonePop, benchConnection } from '../lib/salesforce-calls';
import { ms, summarise, type Summary, table } from '../lib/stats';
import { type BenchSuite, option, positiveInts } from '../lib/suite';

export const suite: BenchSuite = {
  usage: `[--calls 200] [--latency 0,150] [--warmup 10]
Call offered by the dialer → crm.pop on the agent's panel (p50/p99), through
the real gateway and the real Salesforce emulator, for one, several and no
matching records, at each Salesforce latency; next to the bare Salesforce
calls the pop needs and the Salesforce time of each pop (its timing), so
that the gateway's own overhead shows.`,
  builds: ['gateway', 'salesforce-emulator'],
  run: (args, { workspaceRoot }) =>
    runScreenPopBench({
      workspaceRoot,
      calls: positiveInts(option(args, 'calls', '200'), 'calls')[0],
      latencies: option(args, 'latency', '0,150')
        .split(',')
        .map((v) => {
          const n = Number(v.trim());
          if (!Number.isInteger(n) || n < 0)
            throw new Error(`--latency needs whole milliseconds, got "${v}"`);
          return n;
        }),
      warmup: positiveInts(option(args, 'warmup', '10'), 'warmup')[0],
    }),
};

export interface ScreenPopOptions {
  workspaceRoot: string;
  calls: number;
  latencies: number[];
  warmup: number;
}

/** The emulator's showcase numbers (docs/salesforce-emulator.md): what each pop is expected to find. */
const SCENARIOS = [
  { name: 'one match', number: '+5491155550001' },
  { name: 'several matches', number: '+541145550002' },
  { name: 'no match', number: '+541139990000' },
] as const;

/** The gateway's default phone rule: the last 7 digits (C12). */
const LAST_DIGITS = 7;

interface Row {
  scenario: string;
  latencyMs: number;
  matches: number;
  pop: Summary;
  bare: Summary;
  /** Per call: the time the gateway spent waiting for Salesforce, as the pop's timing reports it. */
  salesforce: Summary;
  /** Per call: the pop minus that call's own Salesforce time (dialer push, gateway, socket delivery). */
  overhead: Summary;
  /** Per call: the gateway's decision minus its Salesforce time. */
  own: Summary;
}

/**
 * `npm run bench -- screenpop`: how long an agent waits for the screen pop
 * (issue 5). The dialer is the scripted NeoApi server in this process, the
 * panel a socket.io client in this process (so the start and end of each
 * sample are read on one clock), and the gateway and the Salesforce
 * emulator are their built bundles in child processes. Calls are made one
 * at a time, each timed bare (jsforce from here) and then through the
 * gateway, alternately, so both see the same org in the same state.
 */
export async function runScreenPopBench(options: ScreenPopOptions): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-screenpop-'));
  const dialer = await benchDialer(1);
  const salesforce = new ChildService(
    join(options.workspaceRoot, 'dist/apps/salesforce-emulator/main.js'),
    {
      SALESFORCE_EMULATOR_PERSIST: 'false',
      SALESFORCE_EMULATOR_SOSL_LAG_MS: '0',
      PUENTE_DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
    },
    'SALESFORCE_EMULATOR_PORT',
  );
  let gateway: ChildService | undefined;
  let socket: Socket | undefined;
  try {
    await salesforce.start();
    gateway = new ChildService(
      join(options.workspaceRoot, 'dist/apps/gateway/main.js'),
      {
        DIALER_URL: dialer.url,
        SALESFORCE_URL: salesforce.url,
        // The pop never touches the contact database: point it nowhere.
        CONTACT_DB_URL: 'postgres://postgres@127.0.0.1:9/postgres',
        PUENTE_DATA_DIR: dataDir,
        LOG_LEVEL: 'error',
        HEALTH_PROBE_INTERVAL_MS: '600000',
        SALESFORCE_TIMEOUT_MS: '10000',
        GATEWAY_TOKEN_SECRET: 'bench-secret-bench-secret-bench-secret',
      },
      'GATEWAY_PORT',
      '/health/live',
    );
    await gateway.start();
    const panel = await connectPanel(gateway.url, dialer);
    socket = panel.socket;
    const conn = await benchConnection(salesforce.url);
    const rows: Row[] = [];
    for (const latencyMs of options.latencies) {
      await setLatency(salesforce.url, latencyMs);
      for (const scenario of SCENARIOS) {
        process.stderr.write(
          `${scenario.name}, Salesforce latency ${latencyMs} ms: ${options.calls} calls…\n`,
        );
        rows.push({ latencyMs, ...(await measure(scenario, options, dialer, panel, conn)) });
      }
    }
    process.stdout.write(
      `\nScreen pop: call offered by the dialer → crm.pop on the panel (${options.calls} calls each, one at a time)\n\n` +
        table(
          [
            'scenario',
            'SF latency',
            'matches',
            'pop p50',
            'pop p99',
            'bare SF p50',
            'bare SF p99',
            'SF in pop p50',
            'SF in pop p99',
            'overhead p50',
            'overhead p99',
            'gateway own p50',
            'gateway own p99',
          ],
          rows.map((r) => [
            r.scenario,
            `${r.latencyMs} ms`,
            String(r.matches),
            ms(r.pop.p50),
            ms(r.pop.p99),
            ms(r.bare.p50),
            ms(r.bare.p99),
            ms(r.salesforce.p50),
            ms(r.salesforce.p99),
            ms(r.overhead.p50),
            ms(r.overhead.p99),
            ms(r.own.p50),
            ms(r.own.p99),
          ]),
        ) +
        '\n\nbare SF: the same Salesforce queries made straight with jsforce from the benchmark, one after the other as the gateway makes them, just before each call.\n' +
        "SF in pop: the time the gateway spent waiting for Salesforce during that very pop (the pop's timing).\n" +
        "overhead: per call, the pop minus its own SF time: dialer push, the gateway's search and decision, socket delivery.\n" +
        "gateway own: per call, the gateway's decision minus its SF time.\n",
    );
  } finally {
    socket?.close();
    gateway?.stop();
    salesforce.stop();
    await dialer.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface Panel {
  socket: Socket;
  /** Resolves with the pop of `callId` when it arrives. */
  popOf(callId: string): Promise<Extract<AgentEvent, { type: 'crm.pop' }>>;
}

async function connectPanel(url: string, dialer: FakeNeoApiServer): Promise<Panel> {
  const { user, device, agentId } = benchUser(0);
  const res = await fetch(`${url}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ device, user, password: BENCH_PASSWORD }),
  });
  if (res.status !== 201) throw new Error(`login of ${user} failed: ${res.status} ${await res.text()}`);
  const token = ((await res.json()) as SessionResponse).accessToken;
  const socket = io(`${url}${SOCKET_NAMESPACES.agents}`, { transports: ['websocket'], auth: { token } });
  const waiting = new Map<string, (e: Extract<AgentEvent, { type: 'crm.pop' }>) => void>();
  socket.on('event', (e: AgentEvent) => {
    if (e.type === 'crm.pop') waiting.get(e.payload.callId)?.(e);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  await socket.emitWithAck('resume', { lastSeq: 0 });
  for (let i = 0; i < 500 && dialer.openStreams(agentId) === 0; i++) await sleep(10);
  return {
    socket,
    popOf: (callId) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no pop for ${callId} within 30 s`)), 30_000);
        waiting.set(callId, (e) => {
          clearTimeout(timer);
          waiting.delete(callId);
          resolve(e);
        });
      }),
  };
}

let callSeq = 0;

async function measure(
  scenario: (typeof SCENARIOS)[number],
  options: ScreenPopOptions,
  dialer: FakeNeoApiServer,
  panel: Panel,
  conn: Connection,
): Promise<Omit<Row, 'latencyMs'>> {
  const pops: number[] = [];
  const bare: number[] = [];
  const salesforce: number[] = [];
  const own: number[] = [];
  let matches = 0;
  for (let i = 0; i < options.warmup + options.calls; i++) {
    const seq = ++callSeq;
    const callId = `bench-pop-${seq}`;
    const bareStart = performance.now();
    await barePhonePop(conn, scenario.number, LAST_DIGITS, dialerContactId(seq));
    const bareMs = performance.now() - bareStart;
    const popped = panel.popOf(callId);
    const start = performance.now();
    offer(dialer, callId, scenario.number, seq);
    const pop = await popped;
    const popMs = performance.now() - start;
    matches = pop.payload.matches;
    const timing = pop.payload.timing;
    if (!timing) throw new Error('the gateway sent a pop without its timing');
    if (i >= options.warmup) {
      pops.push(popMs);
      bare.push(bareMs);
      salesforce.push(timing.salesforceMs);
      own.push(timing.totalMs - timing.salesforceMs);
    }
    // A breath between calls, as between real ones; the pop's write-back (C3) may still be on its way.
    await sleep(5);
  }
  return {
    scenario: scenario.name,
    matches,
    pop: summarise(pops),
    bare: summarise(bare),
    salesforce: summarise(salesforce),
    overhead: summarise(pops.map((p, i) => p - salesforce[i])),
    own: summarise(own),
  };
}

/** The dialer's contact of call `seq`: the gateway also looks it up (neoContactId__c, C1). */
function dialerContactId(seq: number): string {
  return String(700000 + seq);
}

/** An outbound progressive call: the gateway searches on ring (B7). */
function offer(dialer: FakeNeoApiServer, callId: string, number: string, seq: number): void {
  const { agentId } = benchUser(0);
  dialer.emit(agentId, 'CallOffered', {
    call: {
      callId,
      direction: 'outbound',
      state: 'ringing',
      number,
      campaignId: '97',
      queueId: null,
      dialerMode: 'progressive',
      startedAt: new Date().toISOString(),
      answeredAt: null,
      transfer: null,
      participants: [],
      recordingUrl: null,
    },
    contact: {
      contactId: dialerContactId(seq),
      contactBaseId: '12',
      crmId: '3',
      crmKey: '',
      phoneNumber: number,
      callCampaing: '97',
      callDialer: 'progressive',
      callId,
      callQueue: '',
      callReason: '',
      campaignCrmId: '3',
      campaignBaseId: '12',
      userOutCampaign: '97',
      fields: {},
    },
  });
}

async function setLatency(url: string, latencyMs: number): Promise<void> {
  const res = await fetch(`${url}/__emulator/faults`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ latencyMs }),
  });
  if (!res.ok) throw new Error(`could not set the emulator's latency: ${res.status} ${await res.text()}`);
}

function sleep(msec: number): Promise<void> {
  return new Promise((r) => setTimeout(r, msec));
}
