import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatorProcess } from './emulator-process';
import type { GatewayProcessOptions } from './gateway-process';
import { SalesforceOrg } from './salesforce-org';
import { TcpGate } from './tcp-gate';

export interface UpstreamStackOptions {
  /** Extra settings of the dialer emulator (DIALER_SPEED=0 freezes its clock; the default here). */
  dialerEnv?: Record<string, string>;
  /** Extra settings of the Salesforce emulator. */
  salesforceEnv?: Record<string, string>;
}

/**
 * What every gateway of a failure test talks to (docs/reliability.md): the
 * dialer emulator with its contact-center database kept on disk (so it can
 * restart on the same data) and the local Salesforce org, each behind a
 * TcpGate, so a test can refuse, hang or restore one of them on its own.
 * FailureStack puts one gateway process in front of them, ClusterStack two
 * nodes on Redis behind a balancer. Outcomes are read where they land: Tasks
 * in the org (`tasksByCallObject`), the dialer's state and database.
 */
export class UpstreamStack {
  readonly dialer: EmulatorProcess;
  readonly salesforce: SalesforceOrg;
  readonly dialerDataDir = mkdtempSync(join(tmpdir(), 'failure-dialer-'));
  /** The dialer's instance id (GET /state), the first half of every CallObject (issue 15 §9). */
  dialerInstanceId = '';
  // Made in startUpstreams(), once the processes have their ports.
  dialerGate!: TcpGate;
  contactDbGate!: TcpGate;
  salesforceGate!: TcpGate;

  constructor(options: UpstreamStackOptions = {}) {
    this.dialer = new EmulatorProcess({
      PUENTE_DATA_DIR: this.dialerDataDir,
      DIALER_SPEED: '0',
      DIALER_DEMO_CONTACTS: '300',
      DIALER_INBOUND_PER_HOUR: '0',
      ...options.dialerEnv,
    });
    this.salesforce = new SalesforceOrg(options.salesforceEnv);
  }

  protected async startUpstreams(): Promise<void> {
    // PGlite boots in seconds on an idle machine and in over a minute on a loaded CI runner.
    await Promise.all([this.dialer.start(180_000), this.salesforce.start()]);
    this.dialerInstanceId = String((await this.dialer.state()).dialer?.instanceId ?? '');
    [this.dialerGate, this.contactDbGate, this.salesforceGate] = await Promise.all(
      [this.dialer.url, this.dialer.contactDbUrl, this.salesforce.url].map((url) => gateTo(url).open()),
    );
  }

  protected async stopUpstreams(): Promise<void> {
    await Promise.all([this.dialerGate?.cut(), this.contactDbGate?.cut(), this.salesforceGate?.cut()]);
    await Promise.all([this.dialer.stop(), this.salesforce.stop()]);
  }

  /** What a gateway process needs to reach the upstreams, through their gates. */
  protected gatewayOptions(env?: Record<string, string>): GatewayProcessOptions {
    const db = new URL(this.dialer.contactDbUrl);
    db.port = String(this.contactDbGate.port);
    return {
      dialerUrl: this.dialerGate.url,
      salesforceUrl: this.salesforceGate.url,
      contactDbUrl: db.toString(),
      env,
    };
  }

  /** Customers neither answer nor hang up by themselves: the test decides (the dialer's operator API). */
  async scriptCustomers(): Promise<void> {
    await this.dialer.operator('PUT', '/operator/rates', {
      answerProbability: 0,
      busyProbability: 0,
      failedProbability: 0,
      noAnswerSeconds: 120,
      customersHangUp: false,
      agentAnswerSeconds: 0,
    });
  }

  /** The CallObject the gateway writes on a call's Task (C11): how Tasks are counted. */
  callObjectOf(callId: string): string {
    return this.dialerInstanceId ? `${this.dialerInstanceId}:${callId}` : callId;
  }

  /**
   * Restarts the dialer on the same database folder and ports, as a crash
   * (`kill`) or an update (`stop`) followed by a start would. Its operator
   * settings do not survive (the customers' rates): scripted again here.
   */
  async restartDialer(how: 'kill' | 'stop' = 'kill'): Promise<void> {
    await (how === 'kill' ? this.dialer.kill() : this.dialer.stop());
    await this.dialer.start(180_000);
    await this.scriptCustomers();
  }

  /** The Tasks in the org for these CallObject values, as [CallObject, Task] pairs (one pair per Task). */
  async tasksByCallObject(
    callObjects: readonly string[],
  ): Promise<[string, Record<string, unknown> & { Id: string }][]> {
    if (callObjects.length === 0) return [];
    const list = callObjects.map((c) => `'${c.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ');
    const rows = await this.salesforce.query(
      `SELECT Id, CallObject, CallDisposition, Description, Subject, WhoId, WhatId FROM Task WHERE CallObject IN (${list})`,
    );
    return rows.map((row) => [String(row['CallObject']), row]);
  }
}

function gateTo(url: string): TcpGate {
  const { hostname, port } = new URL(url);
  return new TcpGate({ host: hostname, port: Number(port) });
}
