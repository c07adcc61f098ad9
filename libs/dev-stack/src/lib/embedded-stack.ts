import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { ManagedProcess } from './managed-process';
import { servePanel } from './panel-server';
import { panelFrameAncestors, type StackConfig, stackUrls, type StackUrls } from './stack-config';
import { type RestartPolicy, Supervisor, type SupervisorEvent } from './supervisor';
import { waitForHttp } from './wait';

export type ProcessName = 'dialerEmulator' | 'salesforceEmulator' | 'gateway';
export type LineSink = (service: string, stream: 'stdout' | 'stderr', line: string) => void;

export interface EmbeddedStackOptions {
  config: StackConfig;
  workspaceRoot: string;
  /** Receives every output line of every service. */
  onLine?: LineSink;
  /** Extra environment per service (log level, fault injection in tests, …). */
  env?: Partial<Record<ProcessName | 'all', Record<string, string>>>;
  healthTimeoutMs?: number;
}

/**
 * The whole embedded stack from the built apps: the two emulators, the
 * gateway pointed at them, and the panel served statically. Used by
 * `npm start`, the browser tests and the benchmarks alike, so all three run
 * the same thing.
 */
export class EmbeddedStack {
  readonly urls: StackUrls;
  readonly processes: Record<ProcessName, ManagedProcess>;
  private panel: Server | undefined;
  private supervisors: Supervisor[] = [];

  constructor(private readonly options: EmbeddedStackOptions) {
    const { config, workspaceRoot } = options;
    this.urls = stackUrls(config);
    const dist = (app: string) => join(workspaceRoot, 'dist', 'apps', app, 'main.js');
    const dataDir = join(workspaceRoot, config.PUENTE_DATA_DIR);
    const common = { LOG_FORMAT: 'pretty', PUENTE_DATA_DIR: dataDir, ...options.env?.all };
    const origins = [this.urls.agentPanel, this.urls.salesforceEmulator].flatMap((u) => [
      u,
      u.replace('127.0.0.1', 'localhost'),
    ]);
    const spec = (name: ProcessName, app: string, env: Record<string, string>) =>
      new ManagedProcess({
        name: app,
        entry: dist(app),
        cwd: workspaceRoot,
        env: { ...common, ...env, ...options.env?.[name] },
      });
    // The emulator's IVR inserts callers through the gateway's signed endpoint (D1), as a real IVR
    // would; a fresh key per run, so no secret is ever written down.
    const ivr = { id: 'dialer-emulator', secret: randomBytes(24).toString('hex') };
    this.processes = {
      dialerEmulator: spec('dialerEmulator', 'dialer-emulator', {
        DIALER_EMULATOR_PORT: String(config.DIALER_EMULATOR_PORT),
        DIALER_EMULATOR_HOST: config.PUENTE_HOST,
        CONTACT_DB_PORT: String(config.CONTACT_DB_PORT),
        DIALER_IVR: 'http',
        DIALER_IVR_URL: `${this.urls.gateway}/api/v1/ivr/contacts`,
        DIALER_IVR_KEY_ID: ivr.id,
        DIALER_IVR_SECRET: ivr.secret,
      }),
      salesforceEmulator: spec('salesforceEmulator', 'salesforce-emulator', {
        SALESFORCE_EMULATOR_PORT: String(config.SALESFORCE_EMULATOR_PORT),
        SALESFORCE_EMULATOR_HOST: config.PUENTE_HOST,
        AGENT_PANEL_URL: this.urls.agentPanel,
        GATEWAY_URL: this.urls.gateway,
      }),
      gateway: spec('gateway', 'gateway', {
        // The embedded stack runs on demo secrets by design: it stays a development gateway even
        // when the shell says NODE_ENV=production (docs/configuration.md#production-mode).
        GATEWAY_MODE: 'development',
        GATEWAY_PORT: String(config.GATEWAY_PORT),
        GATEWAY_HOST: config.PUENTE_HOST,
        DIALER_URL: this.urls.dialerEmulator,
        SALESFORCE_URL: this.urls.salesforceEmulator,
        CONTACT_DB_KIND: 'postgres',
        CONTACT_DB_URL: this.urls.contactDb,
        IVR_KEYS: `${ivr.id}:${ivr.secret}`,
        CORS_ORIGINS: origins.join(','),
      }),
    };
  }

  /** Starts everything and resolves once every part answers its health check. */
  async start(): Promise<void> {
    await Promise.all([this.startProcess('dialerEmulator'), this.startProcess('salesforceEmulator')]);
    await Promise.all([this.startProcess('gateway'), this.startPanel()]);
  }

  async startProcess(name: ProcessName): Promise<void> {
    const process = this.processes[name];
    process.start((stream, line) => this.options.onLine?.(process.spec.name, stream, line));
    await Promise.race([
      waitForHttp(this.healthUrl(name), this.options.healthTimeoutMs ?? 60_000),
      process.exited.then((code) => {
        throw new Error(`${process.spec.name} exited with code ${code} while starting`);
      }),
    ]);
  }

  async stopProcess(name: ProcessName): Promise<void> {
    await this.processes[name].stop();
  }

  async startPanel(): Promise<void> {
    this.panel = await servePanel({
      root: join(this.options.workspaceRoot, 'dist', 'apps', 'agent-panel', 'browser'),
      host: this.options.config.PUENTE_HOST,
      port: this.options.config.AGENT_PANEL_PORT,
      gatewayUrl: this.urls.gateway,
      gatewayUrls: this.options.config.PANEL_GATEWAY_URLS,
      frameAncestors: panelFrameAncestors(this.options.config),
      onError: (error) =>
        this.options.onLine?.(
          'agent-panel',
          'stderr',
          `request failed: ${(error as Error).stack ?? String(error)}`,
        ),
    });
  }

  /**
   * From now on a service that ends by itself is started again (with
   * back-off), as a process supervisor would, and the others keep running;
   * `stop()` ends the supervision first. Call it once `start()` resolved.
   */
  supervise(onEvent: (event: SupervisorEvent) => void, policy?: RestartPolicy): void {
    this.supervisors = (Object.keys(this.processes) as ProcessName[]).map((name) => {
      const supervisor = new Supervisor({
        process: this.processes[name],
        start: () => this.startProcess(name),
        onEvent,
        policy,
      });
      supervisor.watch();
      return supervisor;
    });
  }

  /** Stops in reverse order: the panel and gateway first, so nothing reports the emulators' exit as an outage. */
  async stop(): Promise<void> {
    for (const supervisor of this.supervisors) supervisor.stop();
    const panel = this.panel;
    this.panel = undefined;
    if (panel) {
      panel.closeAllConnections();
      await new Promise<void>((resolve) => panel.close(() => resolve()));
    }
    await this.processes.gateway.stop();
    await Promise.all([this.processes.dialerEmulator.stop(), this.processes.salesforceEmulator.stop()]);
  }

  /** The first service that ended without being asked, if any. */
  crashed(): ManagedProcess | undefined {
    return Object.values(this.processes).find((p) => p.crashed);
  }

  healthUrl(name: ProcessName): string {
    switch (name) {
      case 'gateway':
        return `${this.urls.gateway}/health/live`;
      case 'dialerEmulator':
        return `${this.urls.dialerEmulator}/health`;
      case 'salesforceEmulator':
        return `${this.urls.salesforceEmulator}/health`;
    }
  }
}
