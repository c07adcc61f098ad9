import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { callObjectOf } from '@puente/crm';

const workspaceRoot = join(__dirname, '..', '..', '..', '..');
const EMULATOR_MAIN = join(workspaceRoot, 'dist', 'apps', 'dialer-emulator', 'main.js');

/** A free TCP port on loopback (the OS picks it; we release it for the child to bind). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the operator API's JSON, read loosely by tests
type Json = any;

/**
 * The built dialer emulator (dist/) as its own process on ephemeral ports,
 * with its PGlite contact-center database served on a PostgreSQL socket.
 * A separate process on purpose: the gateway talks to it over real HTTP and
 * SSE, and the gateway tests may not import another app's code.
 */
export class EmulatorProcess {
  url = '';
  contactDbUrl = '';
  private child: ChildProcess | undefined;
  private readonly output: string[] = [];
  private port = 0;
  private dbPort = 0;

  constructor(private readonly env: Record<string, string> = {}) {}

  /**
   * A dialer on a frozen clock (DIALER_SPEED=0, moved by advance()) with
   * `contacts` demo contacts and no inbound traffic of its own: what the
   * gateway's emulator specs drive step by step.
   */
  static frozen(contacts = 300, env: Record<string, string> = {}): EmulatorProcess {
    return new EmulatorProcess({
      DIALER_SPEED: '0',
      DIALER_DEMO_CONTACTS: String(contacts),
      DIALER_INBOUND_PER_HOUR: '0',
      ...env,
    });
  }

  /**
   * Customers act only when told to (answer through the operator API): no
   * answer, busy or failure by chance, nobody hangs up or leaves a queue, and
   * agents answer offered calls at once.
   */
  async customersWaitForOperator(): Promise<void> {
    await this.operator('PUT', '/operator/rates', {
      answerProbability: 0,
      busyProbability: 0,
      failedProbability: 0,
      noAnswerSeconds: 120,
      customersHangUp: false,
      agentAnswerSeconds: 0,
      queuePatienceSecondsMean: 36000,
    });
  }

  async start(timeoutMs = 60_000): Promise<this> {
    if (!existsSync(EMULATOR_MAIN))
      throw new Error(`${EMULATOR_MAIN} is missing: run \`npx nx run dialer-emulator:build\` first`);
    const fresh = !this.port;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.launch(timeoutMs);
      } catch (error) {
        // A free port found here can be taken by a parallel suite before the child binds it: on a
        // first start, try other ports. A restart keeps its ports, as a real dialer its address.
        if (!fresh || attempt === 3 || !this.output.join('').includes('EADDRINUSE')) throw error;
        this.port = 0;
        this.dbPort = 0;
        this.output.length = 0;
      }
    }
  }

  private async launch(timeoutMs: number): Promise<this> {
    const port = (this.port ||= await freePort());
    const dbPort = (this.dbPort ||= await freePort());
    this.url = `http://127.0.0.1:${port}`;
    this.contactDbUrl = `postgres://postgres@127.0.0.1:${dbPort}/postgres`;
    this.child = spawn(process.execPath, [EMULATOR_MAIN], {
      cwd: workspaceRoot,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DIALER_EMULATOR_PORT: String(port),
        DIALER_EMULATOR_HOST: '127.0.0.1',
        CONTACT_DB_PORT: String(dbPort),
        PUENTE_DATA_DIR: '',
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'warn',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => this.output.push(chunk.toString());
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.child.exitCode !== null)
        throw new Error(`dialer emulator exited (${this.child.exitCode}):\n${this.output.join('')}`);
      try {
        if ((await fetch(`${this.url}/health`)).ok) return this;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`dialer emulator not healthy:\n${this.output.join('')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The operator's endpoints (GET /state, POST /operator/...): test controls, not NeoApi. */
  async operator(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<Json> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as Json;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  state(): Promise<Json> {
    return this.operator('GET', '/state');
  }

  /**
   * The CallObject of this dialer's call as the gateway writes it on the Task
   * ("<dialer instance id>:<call id>", issue 15 §9), read from GET /state.
   */
  async callObjectOf(callId: string): Promise<string> {
    const dialer = (await this.state()).dialer as { instanceId?: string } | undefined;
    return callObjectOf(dialer?.instanceId, callId);
  }

  /** One agent as the dialer sees it in GET /state (undefined when logged out). */
  async agent(user: string): Promise<Json> {
    return ((await this.state()).agents as Json[]).find((a) => a.user === user);
  }

  /** Moves the frozen virtual clock (DIALER_SPEED=0), firing every timer due. */
  advance(seconds: number): Promise<Json> {
    return this.operator('POST', '/operator/clock/advance', { seconds });
  }

  /** Everything the process wrote, for a failing test's message. */
  get log(): string {
    return this.output.join('');
  }

  /** Ends it as a crash does (SIGKILL): nothing flushed, no goodbye to anyone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  /** Freezes it (SIGSTOP): its sockets stay open and nothing answers. */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGCONT');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}
