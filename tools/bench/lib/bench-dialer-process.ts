import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { DialerReply, DialerRequest } from './dialer-process';

/**
 * The bench's scripted dialer (benchDialer: the NeoApi wire on a real
 * socket, `agents` users) in a child process, driven over IPC: the
 * gateway under test runs its real adapter and push subscriptions, while
 * the load is exactly what `load()` emits.
 */
export class BenchDialerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(agents: number): Promise<BenchDialerProcess> {
    // fork() runs it with this process's flags (--import tsx) and environment (TSX_TSCONFIG_PATH).
    const child = fork(join(__dirname, 'dialer-process.ts'), {
      env: { ...process.env, BENCH_DIALER_AGENTS: String(agents) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) =>
        reject(new Error(`the bench dialer exited (${code}) before it was ready`)),
      );
      child.once('message', (reply: DialerReply) => {
        if ('ready' in reply) resolve(reply.ready.url);
      });
    });
    child.removeAllListeners('exit');
    return new BenchDialerProcess(child, url);
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  /** Emits `rate` agent events per second for `seconds`, round-robin over the agents; resolves with how many. */
  load(rate: number, seconds: number): Promise<number> {
    return new Promise((resolve) => {
      const onReply = (reply: DialerReply) => {
        if (!('loaded' in reply)) return;
        this.child.off('message', onReply);
        resolve(reply.loaded.emitted);
      };
      this.child.on('message', onReply);
      const request: DialerRequest = { load: { rate, seconds } };
      this.child.send(request);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const ended = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    await ended;
  }
}
