import { GatewayProcess } from './gateway-process';
import { UpstreamStack, type UpstreamStackOptions } from './upstream-stack';

export interface FailureStackOptions extends UpstreamStackOptions {
  /** Extra settings of the gateway process. */
  gatewayEnv?: Record<string, string>;
}

/**
 * The real stack for failure tests (docs/reliability.md): the upstreams of
 * UpstreamStack (the dialer emulator on a disk database, the local
 * Salesforce org, each behind a TcpGate) and the gateway as its own built
 * process, so a test can kill, freeze or restart any process and cut or hang
 * any link. Outcomes are read where they land: Tasks in the org
 * (`tasksByCallObject`), the dialer's state and database, the panel's events
 * by seq.
 */
export class FailureStack extends UpstreamStack {
  // Made in start(), once the upstreams have their ports.
  gateway!: GatewayProcess;

  constructor(private readonly options: FailureStackOptions = {}) {
    super(options);
  }

  async start(): Promise<this> {
    await this.startUpstreams();
    this.gateway = await new GatewayProcess(this.gatewayOptions(this.options.gatewayEnv)).start();
    return this;
  }

  async stop(): Promise<void> {
    await this.gateway?.stop().catch(() => undefined);
    await this.stopUpstreams();
  }
}
