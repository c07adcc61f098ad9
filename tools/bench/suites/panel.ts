import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EmbeddedStack, freePort, loadStackConfig } from '@puente/dev-stack';
import { type Browser, chromium, type Page } from '@playwright/test';
import { PanelBenchGateway } from '../lib/panel-bench-gateway';
import { sleep, timeLogin, timeToLoginScreen, timeToPop } from '../lib/panel-probes';
import { ms, summarise, type Summary, table } from '../lib/stats';
import { type BenchSuite, option, positiveInts } from '../lib/suite';

export const suite: BenchSuite = {
  usage: `[--runs 5] [--burst 500] [--events 5000]
The built panel in Chromium (/usr/bin/chromium, headless) against the embedded
stack: time to an interactive login screen (alone and inside the console),
login → softphone ready, customer answers → caller card; then, against a
bench gateway, event → DOM latency for a burst and for paced events, the JS
heap after --events events, and the production bundle gzipped.`,
  builds: ['gateway', 'dialer-emulator', 'salesforce-emulator', 'agent-panel'],
  run: (args, { workspaceRoot }) =>
    runPanelBench({
      workspaceRoot,
      runs: positiveInts(option(args, 'runs', '5'), 'runs')[0],
      burst: positiveInts(option(args, 'burst', '500'), 'burst')[0],
      events: positiveInts(option(args, 'events', '5000'), 'events')[0],
    }),
};

interface PanelOptions {
  workspaceRoot: string;
  runs: number;
  burst: number;
  events: number;
}

/** Chromium as the e2e tests run it: Debian's, headless, nothing in the background. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

type Row = [string, string, string];

export async function runPanelBench(options: PanelOptions): Promise<void> {
  const rows: Row[] = [];
  const add = (metric: string, s: Summary, note: string) =>
    rows.push([metric, `p50 ${ms(s.p50)} · p99 ${ms(s.p99)} · max ${ms(s.max)}`, `${s.count} ${note}`]);

  // The bench gateway's place on the served panel's list of gateways (issue 14 §2).
  const benchGatewayUrl = `http://127.0.0.1:${await freePort()}`;
  const stack = await startStack(options.workspaceRoot, benchGatewayUrl);
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const version = browser.version();
  try {
    log(`stack up: panel ${stack.urls.agentPanel}, gateway ${stack.urls.gateway}`);
    const alone: number[] = [];
    const inConsole: number[] = [];
    const login: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      alone.push(await timeToLoginScreen(browser, stack.urls.agentPanel, false));
      inConsole.push(
        await timeToLoginScreen(browser, `${stack.urls.salesforceEmulator}/lightning/console`, true),
      );
      login.push(await timeLogin(browser, stack.urls.agentPanel, i));
    }
    add('open panel → login screen interactive', summarise(alone), 'cold loads');
    add('open console → panel login interactive', summarise(inConsole), 'cold loads');
    add('login → softphone ready (real gateway + dialer)', summarise(login), 'logins');
    log('caller card timing through the real stack…');
    add(
      'customer answers → caller card shown',
      summarise(await timeToPop(browser, stack, options.runs)),
      'calls',
    );
    // The real gateway and emulators stop: from here the built panel (still served by the stack)
    // talks to the bench gateway only, so nothing else competes for the two cores.
    await stack.stopProcess('gateway');
    await Promise.all([stack.stopProcess('dialerEmulator'), stack.stopProcess('salesforceEmulator')]);
    await eventFigures(browser, stack.urls.agentPanel, benchGatewayUrl, options, rows, add);
  } finally {
    await browser.close();
    await stack.stop();
  }

  const bundle = bundleSize(join(options.workspaceRoot, 'dist', 'apps', 'agent-panel', 'browser'));
  rows.push(['initial JS, gzipped', kb(bundle.initialGz), `${kb(bundle.initialRaw)} raw; budget 350 KB`]);
  rows.push(['all JS + CSS, gzipped', kb(bundle.allGz), `${bundle.files} files`]);

  process.stdout.write(
    `\nAgent panel (production build, headless Chromium ${version})\n\n${table(['metric', 'figure', 'over'], rows)}\n`,
  );
}

async function eventFigures(
  browser: Browser,
  panelUrl: string,
  gatewayUrl: string,
  options: PanelOptions,
  rows: Row[],
  add: (metric: string, s: Summary, note: string) => void,
): Promise<void> {
  const gateway = new PanelBenchGateway();
  await gateway.start(gatewayUrl);
  try {
    const page = await openBenchPanel(browser, panelUrl, gateway);
    const cdp = await page.context().newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const heapBefore = await heap();
    log(`event bursts: ${options.burst} at once, then ${options.burst} at 100/s…`);
    add(
      'event → DOM, burst',
      summarise(await eventLatency(page, gateway, options.burst, 0)),
      'events at once',
    );
    add(
      'event → DOM, paced',
      summarise(await eventLatency(page, gateway, options.burst, 10)),
      'events, 1 per 10 ms',
    );
    log(`${options.events} more events for the heap…`);
    await sendMixed(gateway, options.events);
    await sleep(1000);
    const heapAfter = await heap();
    const sent = options.events + 2 * options.burst;
    rows.push(['JS heap after login (after GC)', mb(heapBefore), 'used size, CDP Runtime.getHeapUsage']);
    rows.push([
      `JS heap after ${sent} events (after GC)`,
      mb(heapAfter),
      `+${((heapAfter - heapBefore) / sent).toFixed(0)} B/event`,
    ]);
  } finally {
    await gateway.stop();
  }
}

async function startStack(workspaceRoot: string, benchGatewayUrl: string): Promise<EmbeddedStack> {
  const dataDir = join('tmp', 'bench-panel');
  rmSync(join(workspaceRoot, dataDir), { recursive: true, force: true });
  const config = loadStackConfig({
    GATEWAY_PORT: String(await freePort()),
    AGENT_PANEL_PORT: String(await freePort()),
    DIALER_EMULATOR_PORT: String(await freePort()),
    SALESFORCE_EMULATOR_PORT: String(await freePort()),
    CONTACT_DB_PORT: String(await freePort()),
    PUENTE_DATA_DIR: dataDir,
    PANEL_GATEWAY_URLS: benchGatewayUrl,
  });
  const output: string[] = [];
  const stack = new EmbeddedStack({
    config,
    workspaceRoot,
    env: { all: { LOG_FORMAT: 'json', LOG_LEVEL: 'warn' } },
    onLine: (service, _stream, line) => output.push(`${service} │ ${line}`),
  });
  try {
    await stack.start();
  } catch (error) {
    await stack.stop();
    throw new Error(`${(error as Error).message}\n${output.join('\n')}`);
  }
  return stack;
}

/** The panel logged in to the bench gateway, on a call, showing the keypad where sent DTMF digits appear. */
async function openBenchPanel(browser: Browser, panelUrl: string, gateway: PanelBenchGateway): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 420, height: 620 }, locale: 'en-US' });
  await page.goto(`${panelUrl}/?gateway=${encodeURIComponent(gateway.url)}`);
  await page.getByLabel('Device').fill('1001');
  await page.getByLabel('User', { exact: true }).fill('bench');
  await page.getByLabel('Password').fill('bench');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByTestId('tab-dialpad').waitFor();
  while ((await gateway.panels()) === 0) await sleep(20);
  gateway.emit('call.offered', {
    callId: 'c1',
    direction: 'inbound',
    party: '+541155551234',
    dialerMode: 'inbound',
    campaignId: null,
    queueId: '1',
    status: 'ringing',
    contact: null,
  });
  gateway.emit('call.answered', { callId: 'c1' });
  await page.getByTestId('tab-dialpad').click();
  await page.getByTestId('call-state').filter({ hasText: 'Talking' }).waitFor();
  return page;
}

/**
 * Each event appends one DTMF digit; the panel shows every digit sent so
 * far. A MutationObserver notes (time, digits shown) on every DOM change, so
 * event i is on screen at the first change showing at least i digits; that
 * counts correctly when the panel renders several events in one pass.
 */
async function eventLatency(page: Page, gateway: PanelBenchGateway, count: number, gapMs: number) {
  // A string, not a function: tsx compiles named arrow functions with a `__name` helper the page lacks.
  const base = (await page.evaluate(`(() => {
    const hint = document.getElementById('dialpad-hint');
    const digits = () => (/: (\\d+)$/.exec((hint && hint.textContent || '').trim()) || ['', ''])[1].length;
    if (window.__observer) window.__observer.disconnect();
    window.__marks = [];
    window.__observer = new MutationObserver(() => window.__marks.push([Date.now(), digits()]));
    if (hint) window.__observer.observe(hint, { subtree: true, childList: true, characterData: true });
    return digits();
  })()`)) as number;
  const sentAt: number[] = [];
  for (let i = 0; i < count; i++) {
    sentAt.push(Date.now());
    gateway.emit('call.dtmf_sent', { callId: 'c1', digits: String(i % 10) });
    if (gapMs > 0) await sleep(gapMs);
  }
  await page.waitForFunction(
    (target) => {
      const marks = (window as unknown as { __marks: [number, number][] }).__marks;
      return marks.length > 0 && marks[marks.length - 1][1] >= target;
    },
    base + count,
    { timeout: 60_000 },
  );
  const marks = await page.evaluate(() => (window as unknown as { __marks: [number, number][] }).__marks);
  return sentAt.map((at, i) => {
    const shown = marks.find(([, digits]) => digits >= base + i + 1);
    return (shown?.[0] ?? Number.NaN) - at;
  });
}

/** A long day's worth of events of several kinds (hold, resume, DTMF), in batches. */
async function sendMixed(gateway: PanelBenchGateway, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    if (i % 3 === 0) gateway.emit('call.held', { callId: 'c1' });
    else if (i % 3 === 1) gateway.emit('call.resumed', { callId: 'c1' });
    else gateway.emit('call.dtmf_sent', { callId: 'c1', digits: '1' });
    if (i % 100 === 99) await sleep(5);
  }
}

function bundleSize(dir: string) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  // Initial JS: what index.html loads or preloads; lazy chunks come later.
  const initial = new Set(
    [...html.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1].replace(/^\.?\//, '')),
  );
  let initialRaw = 0;
  let initialGz = 0;
  let allGz = 0;
  for (const f of files) {
    const content = readFileSync(join(dir, f));
    const gz = gzipSync(content, { level: 9 }).length;
    allGz += gz;
    if (initial.has(f)) {
      initialRaw += content.length;
      initialGz += gz;
    }
  }
  return { files: files.length, initialRaw, initialGz, allGz };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
const log = (line: string) => process.stderr.write(`${line}\n`);
