import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForHttp } from '@puente/dev-stack';
import { rawHttp } from '@puente/server-kit/testing';

const root = join(__dirname, '..', '..');
const APPS = ['gateway', 'dialer-emulator', 'salesforce-emulator'] as const;
const built =
  APPS.every((app) => existsSync(join(root, 'dist', 'apps', app, 'main.js'))) &&
  existsSync(join(root, 'dist', 'apps', 'agent-panel', 'browser', 'index.html'));
const linux = existsSync('/proc/self/stat');

/** The launcher's services: its child processes, by the app each one runs. */
function servicesOf(launcherPid: number): Record<string, number> {
  const found: Record<string, number> = {};
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== launcherPid) continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const app = APPS.find((a) => command.includes(`dist/apps/${a}/main.js`));
      if (app) found[app] = Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const suite = built && linux ? describe : describe.skip;
const why = !linux
  ? ' (skipped: needs /proc)'
  : !built
    ? ' (skipped: build the apps first: npx nx run-many -t build)'
    : '';

/**
 * Issue 15 §5 and issue 14 §3 through the real `npm start` launcher: a
 * service killed with SIGKILL is restarted, the others keep running, a
 * malformed request to the panel it serves does not end it, and SIGTERM
 * still stops everything.
 */
suite(`npm start supervises its services${why}`, () => {
  let launcher: ChildProcess;
  let output = '';
  const ports: Record<string, number> = {};

  async function untilOutput(pattern: RegExp, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(output)) {
      if (Date.now() > deadline)
        throw new Error(`no ${pattern} in the launcher's output:\n${output.slice(-4000)}`);
      if (launcher.exitCode !== null)
        throw new Error(`the launcher exited (${launcher.exitCode}):\n${output.slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    for (const name of [
      'GATEWAY_PORT',
      'AGENT_PANEL_PORT',
      'DIALER_EMULATOR_PORT',
      'SALESFORCE_EMULATOR_PORT',
      'CONTACT_DB_PORT',
    ])
      ports[name] = await freePort();
    launcher = spawn(
      join(root, 'node_modules', '.bin', 'node'),
      ['--import', 'tsx', join(root, 'tools/stack/start-all.ts'), '--no-build'],
      {
        cwd: root,
        env: {
          ...process.env,
          ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
          PUENTE_DATA_DIR: mkdtempSync(join(tmpdir(), 'launcher-')),
          TSX_TSCONFIG_PATH: join(root, 'tools/stack/tsconfig.json'),
          NO_COLOR: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    launcher.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    launcher.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await untilOutput(/Puente is running/);
  }, 180_000);

  afterAll(async () => {
    if (launcher.exitCode === null) {
      const exited = new Promise((r) => launcher.once('exit', r));
      launcher.kill('SIGTERM');
      await exited;
    }
  }, 60_000);

  const url = (variable: string, path: string) => `http://127.0.0.1:${ports[variable]}${path}`;

  it('restarts the gateway after a kill -9, says so, and leaves the other services running', async () => {
    const before = servicesOf(launcher.pid ?? 0);
    expect(Object.keys(before).sort()).toEqual([...APPS].sort());
    process.kill(before['gateway'], 'SIGKILL');
    await untilOutput(/gateway exited \(signal SIGKILL\); restarting in 1 s \(attempt 2\)/);
    await untilOutput(/gateway is healthy again \(attempt 2\)/);
    await waitForHttp(url('GATEWAY_PORT', '/health/live'), 10_000);
    const after = servicesOf(launcher.pid ?? 0);
    expect(after['gateway']).not.toBe(before['gateway']);
    expect(after['dialer-emulator']).toBe(before['dialer-emulator']);
    expect(after['salesforce-emulator']).toBe(before['salesforce-emulator']);
    expect(output).not.toMatch(/stopping every service/);
  }, 120_000);

  it('answers the request that used to end it (malformed percent-encoding) with 400, and serves on', async () => {
    const answer = await rawHttp(
      url('AGENT_PANEL_PORT', '/'),
      'GET /%E0%A4%A HTTP/1.1\r\nHost: panel\r\nConnection: close\r\n\r\n',
    );
    expect(answer?.status).toBe(400);
    expect(launcher.exitCode).toBeNull();
    expect((await fetch(url('AGENT_PANEL_PORT', '/health'))).status).toBe(200);
  });

  it('still stops every service on SIGTERM', async () => {
    const services = Object.values(servicesOf(launcher.pid ?? 0));
    const exited = new Promise<number | null>((r) => launcher.once('exit', (code) => r(code)));
    launcher.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toMatch(/SIGTERM: stopping every service/);
    expect(services.filter(alive)).toEqual([]);
  }, 60_000);
});
