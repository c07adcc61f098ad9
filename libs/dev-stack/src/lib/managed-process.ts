import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ProcessSpec {
  name: string;
  /** Script run with this same Node binary. */
  entry: string;
  args?: readonly string[];
  env: Record<string, string>;
  cwd: string;
}

/**
 * A child service in its own process group, so that stopping it also stops
 * anything it started. It is told our pid (PUENTE_SUPERVISOR_PID) and exits by
 * itself if we disappear without cleaning up (e.g. SIGKILL): no orphans.
 */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class ManagedProcess {
  private child: ChildProcess | undefined;
  private exitPromise: Promise<number | null> = Promise.resolve(null);
  private stopping = false;
  /** How the last run ended (undefined while it runs, or before the first). */
  lastExit: ProcessExit | undefined;

  constructor(readonly spec: ProcessSpec) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the exit code (null when killed by a signal) once the process has ended. */
  get exited(): Promise<number | null> {
    return this.exitPromise;
  }

  /** True when the process ended without being asked to. */
  get crashed(): boolean {
    return !this.stopping && this.child !== undefined && !this.running;
  }

  start(onLine: (stream: 'stdout' | 'stderr', line: string) => void): void {
    if (this.running) throw new Error(`${this.spec.name} is already running`);
    this.stopping = false;
    const child = spawn(process.execPath, [this.spec.entry, ...(this.spec.args ?? [])], {
      cwd: this.spec.cwd,
      env: { ...process.env, ...this.spec.env, PUENTE_SUPERVISOR_PID: String(process.pid) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.child = child;
    this.lastExit = undefined;
    this.exitPromise = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.lastExit = { code, signal };
        resolve(code);
      });
      child.once('error', (error) => {
        onLine('stderr', `could not start: ${error.message}`);
        this.lastExit = { code: -1, signal: null };
        resolve(-1);
      });
    });
    for (const stream of ['stdout', 'stderr'] as const) {
      const source = child[stream];
      if (source) createInterface({ input: source }).on('line', (line) => onLine(stream, line));
    }
  }

  /** SIGTERM to the whole group; SIGKILL if it has not ended after `graceMs`. */
  async stop(graceMs = 8000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.stopping = true;
    signalGroup(child, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
    await this.exitPromise;
    clearTimeout(timer);
    // Anything the service forked and left behind goes with it.
    signalGroup(child, 'SIGKILL');
  }

  /** Ends it at once, as a crash would (for resilience tests). */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.stopping = true;
    signalGroup(child, 'SIGKILL');
    await this.exitPromise;
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
