import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, ManagedProcess, waitForHttp } from '@puente/dev-stack';
import { GatewayClient, TEST_IVR_KEY } from './gateway-client';

const WORKSPACE = resolve(__dirname, '../../../..');
const ENTRY = join(WORKSPACE, 'dist/apps/gateway/main.js');

export interface GatewayProcessOptions {
  dialerUrl: string;
  salesforceUrl: string;
  contactDbUrl: string;
  /** Kept across restarts: a restarted gateway finds its sessions, streams and outbox. */
  dataDir?: string;
  env?: Record<string, string>;
}

/**
 * The built gateway (dist/apps/gateway) as its own process, as production
 * runs it, so failure tests can do to it what happens to a real one: SIGKILL
 * mid-call, SIGSTOP for a hang, a restart on the same state folder. The port
 * stays the same across restarts, as behind a load balancer, so panels
 * reconnect to the same URL.
 */
export class GatewayProcess extends GatewayClient {
  readonly dataDir: string;
  private readonly process: ManagedProcess;
  private readonly output: string[] = [];
  private port = 0;

  constructor(private readonly options: GatewayProcessOptions) {
    super();
    this.dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'gateway-process-'));
    this.process = new ManagedProcess({ name: 'gateway', entry: ENTRY, cwd: WORKSPACE, env: {} });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  /** Everything the process wrote, for a failing test's message. */
  get log(): string {
    return this.output.join('\n');
  }

  async start(): Promise<this> {
    if (!existsSync(ENTRY))
      throw new Error(`${ENTRY} is missing: run \`npx nx run gateway:build\` first (gateway:test does)`);
    this.port ||= await freePort();
    this.url = `http://127.0.0.1:${this.port}`;
    Object.assign(this.process.spec.env, {
      GATEWAY_PORT: String(this.port),
      GATEWAY_HOST: '127.0.0.1',
      DIALER_URL: this.options.dialerUrl,
      SALESFORCE_URL: this.options.salesforceUrl,
      CONTACT_DB_KIND: 'postgres',
      CONTACT_DB_URL: this.options.contactDbUrl,
      PUENTE_DATA_DIR: this.dataDir,
      IVR_KEYS: `${TEST_IVR_KEY.id}:${TEST_IVR_KEY.secret}`,
      CORS_ORIGINS: '*',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'warn',
      HEALTH_PROBE_INTERVAL_MS: '250',
      HEALTH_PROBE_TIMEOUT_MS: '500',
      DIALER_POLL_INTERVAL_MS: '100',
      DIALER_TIMEOUT_MS: '1000',
      DIALER_BREAKER_RESET_MS: '300',
      SALESFORCE_TIMEOUT_MS: '1500',
      ...this.options.env,
    });
    this.process.start((_stream, line) => this.output.push(line));
    try {
      await Promise.race([
        waitForHttp(`${this.url}/health/live`, 30_000, 50),
        this.process.exited.then((code) => {
          throw new Error(`exited with code ${code}`);
        }),
      ]);
    } catch (error) {
      throw new Error(`the gateway did not start: ${(error as Error).message}\n${this.log}`);
    }
    return this;
  }

  /** Ends it as a crash does: no shutdown hooks, nothing flushed. */
  async kill(): Promise<void> {
    this.closePanels();
    await this.process.kill();
  }

  /** Freezes it (SIGSTOP): it keeps its sockets and answers nothing. */
  pause(): void {
    if (this.pid) process.kill(this.pid, 'SIGSTOP');
  }

  resume(): void {
    if (this.pid) process.kill(this.pid, 'SIGCONT');
  }

  /** A graceful stop (SIGTERM), as a deployment does. */
  async stop(): Promise<void> {
    this.closePanels();
    this.resume();
    await this.process.stop(5000);
  }
}
