import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { connect, createServer, type AddressInfo } from 'node:net';

/**
 * A real redis-server for tests (issue 18 §3): its own process on a free
 * loopback port, stopped by the test. Without persistence (the default)
 * restart() brings it back on the same port, empty, as a restart of a cache
 * looks to the gateway; with `appendOnlyDir` it keeps an append-only file
 * there, as a production Redis does, and comes back with what it held.
 */
export interface TestRedis {
  readonly url: string;
  readonly port: number;
  /** The running server's process id (the bench measures it). */
  readonly pid: number;
  /** SIGTERM and wait for the process to end. */
  stop(): Promise<void>;
  /** Any signal (SIGKILL for a crash, SIGSTOP/SIGCONT to freeze and thaw it); waits for the end of the process unless freezing or thawing. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Stops it if running and starts a new server on the same port (empty unless it persists). */
  restart(): Promise<void>;
}

export interface TestRedisOptions {
  /**
   * Persistence as production runs it: an append-only file in this folder,
   * fsynced every second (Redis's own default with AOF) and on shutdown, so a
   * stop and a start keep every write. Unset: nothing is kept.
   */
  appendOnlyDir?: string;
}

/** The binary started (PUENTE_REDIS_SERVER overrides the one on PATH). */
export const REDIS_BINARY = process.env['PUENTE_REDIS_SERVER'] ?? 'redis-server';
const running = new Set<ChildProcess>();

// A failed test must not leave servers behind in the worker.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Whether redis-server can be started here (suites skip with a visible reason when not). */
export function redisAvailable(): boolean {
  const probe = spawnSync(REDIS_BINARY, ['--version'], { encoding: 'utf8' });
  return probe.status === 0 && /Redis server v=/.test(probe.stdout);
}

export async function startRedis(options: TestRedisOptions = {}): Promise<TestRedis> {
  const port = await freePort();
  let child = await launch(port, options);
  let frozen = false;
  const stopWith = async (signal: NodeJS.Signals): Promise<void> => {
    const current = child;
    if (current.exitCode !== null || current.signalCode !== null) return;
    if (signal === 'SIGSTOP' || signal === 'SIGCONT') frozen = signal === 'SIGSTOP';
    // A frozen process would not act on SIGTERM until thawed.
    else if (frozen && signal !== 'SIGKILL') current.kill('SIGCONT');
    const ended = new Promise<void>((resolve) => current.once('exit', () => resolve()));
    current.kill(signal);
    if (signal !== 'SIGSTOP' && signal !== 'SIGCONT') await ended;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return child.pid ?? 0;
    },
    stop: () => stopWith('SIGTERM'),
    kill: stopWith,
    async restart() {
      await stopWith('SIGTERM');
      frozen = false;
      child = await launch(port, options);
    },
  };
}

async function launch(port: number, options: TestRedisOptions): Promise<ChildProcess> {
  // No RDB snapshots either way: the append-only file is the one persistence when asked for.
  const persistence = options.appendOnlyDir
    ? ['--appendonly', 'yes', '--appendfsync', 'everysec', '--dir', options.appendOnlyDir]
    : ['--appendonly', 'no'];
  const child = spawn(
    REDIS_BINARY,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--loglevel', 'warning'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`redis-server exited (${child.exitCode}) on port ${port}: ${stderr}`);
    if (await answersPing(port)) return child;
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not answer PING on port ${port} within 10 s: ${stderr}`);
}

/** A PING over a raw socket: the harness needs no Redis client of its own. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
