import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { basename, join } from 'node:path';
import { freePort, waitForHttp } from '@puente/dev-stack';

/**
 * A service under test in its own process, so its CPU and memory are its
 * own and not the load generator's. Output is kept for the error message
 * when it fails to start.
 */
export class ChildService {
  private child: ChildProcess | undefined;
  private output = '';
  port = 0;
  /** The DevTools address of a child started with --inspect (read from its stderr). */
  inspectorUrl: string | undefined;

  constructor(
    private readonly entry: string,
    private readonly env: Record<string, string>,
    private readonly portVariable: string,
    private readonly healthPath = '/health',
    /** More Node flags for the child (e.g. --inspect=127.0.0.1:0 --expose-gc for heldMemory). */
    private readonly nodeFlags: readonly string[] = [],
  ) {}

  get pid(): number {
    if (!this.child?.pid) throw new Error('not started');
    return this.child.pid;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.port = await freePort();
    // BENCH_CPU_PROF_DIR=dir writes a V8 CPU profile of each service (open it in Chrome DevTools).
    const profile = process.env['BENCH_CPU_PROF_DIR'];
    const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
    this.child = spawn(
      process.execPath,
      ['--max-old-space-size=4096', ...flags, ...this.nodeFlags, this.entry],
      {
        env: {
          ...process.env,
          ...this.env,
          [this.portVariable]: String(this.port),
          PUENTE_SUPERVISOR_PID: String(process.pid),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-4000));
    // BENCH_OUTPUT_DIR=dir keeps each service's whole output (its logs, or V8's --trace-gc-nvp lines).
    const outputDir = process.env['BENCH_OUTPUT_DIR'];
    if (outputDir) {
      const file = createWriteStream(join(outputDir, `${basename(this.entry)}-${this.child.pid}.log`));
      this.child.stdout?.pipe(file);
    }
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.inspectorUrl ??= /Debugger listening on (ws:\/\/\S+)/.exec(chunk.toString())?.[1];
    });
    try {
      await waitForHttp(`${this.url}${this.healthPath}`, 60_000);
    } catch (error) {
      this.stop();
      throw new Error(`${this.entry} did not start: ${(error as Error).message}\n${this.output}`);
    }
  }

  /** SIGTERM; resolves once the process has ended (awaited where the next measurement must not share the CPU with its shutdown). */
  stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    return ended;
  }
}
