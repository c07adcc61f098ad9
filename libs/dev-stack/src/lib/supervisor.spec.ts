import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManagedProcess } from './managed-process';
import { freePort } from './ports';
import { describeSupervisorEvent, type RestartPolicy, Supervisor, type SupervisorEvent } from './supervisor';
import { waitForHttp } from './wait';

const dir = mkdtempSync(join(tmpdir(), 'supervisor-'));
// A service: answers its pid on /health, or ends at once (exit 3) while its crash file exists.
const script = join(dir, 'service.js');
writeFileSync(
  script,
  `const fs = require('node:fs');
   if (fs.existsSync(process.env.CRASH_FILE)) process.exit(3);
   require('node:http')
     .createServer((req, res) => res.end(JSON.stringify({ pid: process.pid })))
     .listen(Number(process.env.PORT), '127.0.0.1');`,
);

const POLICY: RestartPolicy = { initialDelayMs: 50, maxDelayMs: 400, healthyResetMs: 1500 };

/** A real child service under a supervisor, as the embedded stack runs each of its services. */
class Service {
  readonly process: ManagedProcess;
  readonly events: SupervisorEvent[] = [];
  readonly supervisor: Supervisor;
  readonly crashFile: string;
  url = '';

  constructor(readonly name: string) {
    this.crashFile = join(dir, `${name}.crash`);
    this.process = new ManagedProcess({ name, entry: script, cwd: dir, env: { CRASH_FILE: this.crashFile } });
    this.supervisor = new Supervisor({
      process: this.process,
      start: () => this.start(),
      onEvent: (e) => this.events.push(e),
      policy: POLICY,
    });
  }

  async start(): Promise<void> {
    if (!this.url) {
      const port = await freePort();
      this.url = `http://127.0.0.1:${port}/health`;
      this.process.spec.env['PORT'] = String(port);
    }
    this.process.start(() => undefined);
    await Promise.race([
      waitForHttp(this.url, 3000, 20),
      this.process.exited.then((code) => {
        throw new Error(`exited with code ${code} while starting`);
      }),
    ]);
  }

  async pid(): Promise<number> {
    return ((await (await fetch(this.url)).json()) as { pid: number }).pid;
  }

  /** A crash from outside: what `kill -9` does, not the stack's own stop. */
  crash(): void {
    process.kill(this.process.pid ?? 0, 'SIGKILL');
  }

  async until(predicate: (events: SupervisorEvent[]) => boolean, timeoutMs = 8000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.events)) {
      if (Date.now() > deadline) throw new Error(`${this.name}: got ${JSON.stringify(this.events)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    this.supervisor.stop();
    rmSync(this.crashFile, { force: true });
    await this.process.stop(2000);
  }
}

const exits = (events: SupervisorEvent[]) => events.filter((e) => e.kind === 'exited');

describe('Supervisor (issue 15 §5: `npm start` survives a service crash)', () => {
  let a: Service;
  let b: Service;

  beforeEach(async () => {
    a = new Service('svc-a');
    b = new Service('svc-b');
    await Promise.all([a.start(), b.start()]);
    a.supervisor.watch();
    b.supervisor.watch();
  });
  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it('restarts a service killed with SIGKILL, says so, and leaves the others alone', async () => {
    const [before, other] = [await a.pid(), await b.pid()];
    a.crash();
    await a.until((events) => events.some((e) => e.kind === 'healthy'));
    expect(a.events.map(describeSupervisorEvent)).toEqual([
      'svc-a exited (signal SIGKILL); restarting in 50 ms (attempt 2)',
      'svc-a is healthy again (attempt 2)',
    ]);
    expect(await a.pid()).not.toBe(before);
    expect(await b.pid()).toBe(other);
    expect(b.events).toEqual([]);
  });

  it('backs off, doubling up to the cap, while restarts keep failing; then comes back', async () => {
    writeFileSync(a.crashFile, '');
    a.crash();
    await a.until((events) => exits(events).length >= 6);
    expect(exits(a.events).map((e) => (e.kind === 'exited' ? e.delayMs : 0))).toEqual([
      50, 100, 200, 400, 400, 400,
    ]);
    expect(exits(a.events)[1]).toMatchObject({ exit: { code: 3, signal: null }, attempt: 3 });
    rmSync(a.crashFile);
    await a.until((events) => events.some((e) => e.kind === 'healthy'));
    expect(await a.pid()).toBeGreaterThan(0);
    expect(b.events).toEqual([]);
  }, 15_000);

  it('starts again from the first delay once the service has stayed healthy a while', async () => {
    a.crash();
    await a.until((events) => events.some((e) => e.kind === 'healthy'));
    a.crash();
    await a.until((events) => events.filter((e) => e.kind === 'healthy').length === 2);
    expect(exits(a.events).map((e) => (e.kind === 'exited' ? e.delayMs : 0))).toEqual([50, 100]);
    await new Promise((r) => setTimeout(r, POLICY.healthyResetMs + 200));
    a.crash();
    await a.until((events) => exits(events).length === 3);
    expect(exits(a.events)[2]).toMatchObject({ delayMs: 50, attempt: 4 });
  }, 15_000);

  it('takes stopping on purpose for no crash: no restart', async () => {
    a.supervisor.stop();
    await a.process.stop(2000);
    await new Promise((r) => setTimeout(r, POLICY.initialDelayMs * 3));
    expect(a.events).toEqual([]);
    expect(a.process.running).toBe(false);
    expect(existsSync(a.crashFile)).toBe(false);
  });
});

describe('describeSupervisorEvent', () => {
  it('writes the lines the launcher prints', () => {
    expect(
      describeSupervisorEvent({
        kind: 'exited',
        service: 'gateway',
        exit: { code: null, signal: 'SIGKILL' },
        delayMs: 1000,
        attempt: 2,
      }),
    ).toBe('gateway exited (signal SIGKILL); restarting in 1 s (attempt 2)');
    expect(
      describeSupervisorEvent({
        kind: 'exited',
        service: 'dialer-emulator',
        exit: { code: 1, signal: null },
        delayMs: 30_000,
        attempt: 7,
      }),
    ).toBe('dialer-emulator exited (exit code 1); restarting in 30 s (attempt 7)');
  });
});
