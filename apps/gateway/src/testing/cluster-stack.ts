import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentState, GatewayHealth } from '@puente/contracts';
import { CLUSTER_TOKEN_SECRETS } from './cluster-secrets';
import { GatewayClient } from './gateway-client';
import { GatewayProcess } from './gateway-process';
import { until } from './ledger';
import { backendOf, TcpBalancer } from './tcp-balancer';
import { TcpGate } from './tcp-gate';
import { UpstreamStack, type UpstreamStackOptions } from './upstream-stack';

/** The cluster's Redis: what libs/server-kit's `startRedis` (testing) gives. */
export interface ClusterRedis {
  readonly url: string;
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** SIGSTOP freezes it (connections stay open, nothing answers), SIGCONT thaws it. */
  kill(signal: 'SIGSTOP' | 'SIGCONT'): Promise<void>;
}

export interface ClusterStackOptions extends UpstreamStackOptions {
  /**
   * `startRedis` from @puente/server-kit/testing, passed in by the spec: that
   * module uses Jest's globals, which the app's tsconfig (it covers testing/)
   * does not know.
   */
  startRedis: (options: { appendOnlyDir: string }) => Promise<ClusterRedis>;
  /** Extra settings of both gateway nodes. */
  gatewayEnv?: Record<string, string>;
  /** Each node reaches Redis through a TcpGate of its own (`redisGates`), to cut one node off Redis alone. */
  gateRedis?: boolean;
  /** Each node reaches the dialer through a TcpGate of its own (`dialerGates`), behind the shared one. */
  gateDialer?: boolean;
}

/**
 * The cluster of issue 18 §3 for failure tests: a real redis-server on a
 * free loopback port, the upstreams of UpstreamStack (dialer and Salesforce
 * emulators as processes, behind gates), two built gateway processes in
 * cluster mode (the same REDIS_URL and GATEWAY_TOKEN_SECRETS, each its own
 * state folder and port) and a TcpBalancer in front of them. Agents reach
 * the cluster only through the balancer (`gateway`); a test reaches a node
 * itself (`nodes`) to kill, stop or restart it, or to read what that node
 * says (/health, /metrics, the agent's state as that node serves it).
 *
 * Redis keeps an append-only file (fsync every second and on shutdown), as a
 * production Redis runs with persistence or a replica: a stopped and started
 * Redis comes back with the sessions, streams and leases it held.
 */
export class ClusterStack extends UpstreamStack {
  redis!: ClusterRedis;
  readonly redisDir = mkdtempSync(join(tmpdir(), 'cluster-redis-'));
  readonly nodes: GatewayProcess[] = [];
  balancer!: TcpBalancer;
  /** Per node, with `gateRedis`: the gate between that node and Redis. */
  readonly redisGates: TcpGate[] = [];
  /** Per node, with `gateDialer`: the gate between that node and the dialer (in front of `dialerGate`). */
  readonly dialerGates: TcpGate[] = [];
  /** The cluster as agents reach it: through the balancer. */
  readonly gateway = new GatewayClient();

  constructor(private readonly options: ClusterStackOptions) {
    super(options);
  }

  async start(): Promise<this> {
    this.redis = await this.options.startRedis({ appendOnlyDir: this.redisDir });
    await this.startUpstreams();
    const options = this.gatewayOptions({
      REDIS_URL: this.redis.url,
      GATEWAY_TOKEN_SECRETS: CLUSTER_TOKEN_SECRETS,
      // Agents log in together (scrypt at the dialer) on a machine running five processes: 1 s is too short.
      DIALER_TIMEOUT_MS: '5000',
      ...this.options.gatewayEnv,
    });
    for (let n = 0; n < 2; n++) {
      const own = { ...options, env: { ...options.env } };
      if (this.options.gateRedis) {
        const redis = new URL(this.redis.url);
        const gate = await new TcpGate({ host: redis.hostname, port: Number(redis.port) }).open();
        this.redisGates.push(gate);
        redis.port = String(gate.port);
        own.env['REDIS_URL'] = redis.toString();
      }
      if (this.options.gateDialer) {
        const gate = await new TcpGate({ host: '127.0.0.1', port: this.dialerGate.port }).open();
        this.dialerGates.push(gate);
        own.dialerUrl = gate.url;
      }
      this.nodes.push(new GatewayProcess(own));
    }
    await Promise.all(this.nodes.map((node) => node.start()));
    await Promise.all(this.nodes.map((node) => this.ready(node)));
    this.balancer = await new TcpBalancer(this.nodes.map((node) => backendOf(node.url))).start();
    this.gateway.url = this.balancer.url;
    return this;
  }

  async stop(): Promise<void> {
    this.gateway.closePanels();
    await this.balancer?.stop();
    await Promise.all(this.nodes.map((node) => node.stop().catch(() => undefined)));
    for (const gate of [...this.redisGates, ...this.dialerGates]) await gate.cut();
    await this.stopUpstreams();
    await this.redis?.stop();
    rmSync(this.redisDir, { recursive: true, force: true });
  }

  /**
   * Customers answer every line by themselves after 1-2 s of the dialer's
   * clock and never hang up; agents' phones answer at once. Several agents
   * share the clock, so no line may depend on being answered in time
   * (FailureStack's customers wait for the operator and ring out after 120 s).
   */
  override async scriptCustomers(): Promise<void> {
    await this.dialer.operator('PUT', '/operator/rates', {
      answerProbability: 1,
      busyProbability: 0,
      failedProbability: 0,
      ringSecondsMin: 1,
      ringSecondsMax: 2,
      noAnswerSeconds: 120,
      customersHangUp: false,
      agentAnswerSeconds: 0,
    });
  }

  /** Each node's log lines that mention `text` (a request id), named by node. */
  logLines(text: string): string[] {
    return this.nodes.flatMap((node) =>
      node.log
        .split('\n')
        .filter((line) => line.includes(text))
        .map((line) => `${this.nameOf(node)}: ${line}`),
    );
  }

  /** The node's name in messages: A or B. */
  nameOf(node: GatewayProcess): string {
    return String.fromCharCode(65 + this.nodes.indexOf(node));
  }

  other(node: GatewayProcess): GatewayProcess {
    return this.nodes[1 - this.nodes.indexOf(node)];
  }

  /** Waits until the node says it is ready (/health/ready 200: Redis and every upstream reached). */
  async ready(node: GatewayProcess, timeoutMs = 30_000): Promise<void> {
    await until(
      `gateway ${this.nameOf(node)} ready`,
      async () => (await fetch(`${node.url}/health/ready`)).status === 200,
      timeoutMs,
      100,
    );
  }

  /** A node back up on its port and state folder after `kill` (SIGKILL) or `stop` (SIGTERM), and ready. */
  async restart(node: GatewayProcess, how: 'kill' | 'stop'): Promise<void> {
    await (how === 'kill' ? node.kill() : node.stop());
    await node.start();
    await this.ready(node);
  }

  /** What the node's /health says of one upstream ('redis', 'salesforce', …). */
  async upstream(node: GatewayProcess, name: string): Promise<string | undefined> {
    const health = (await (await fetch(`${node.url}/health`)).json()) as GatewayHealth;
    return health.upstreams.find((u) => u.name === name)?.status;
  }

  /** The sum of a metric's samples on one node (every label), NaN when it has none. */
  async metric(node: GatewayProcess, name: string, labels = ''): Promise<number> {
    const text = await (await fetch(`${node.url}/metrics`)).text();
    const samples = text
      .split('\n')
      .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
      .filter((line) => line.includes(labels))
      .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
    return samples.length ? samples.reduce((a, b) => a + b, 0) : NaN;
  }

  /** The agents' dialer subscriptions a node runs (push or polling): the agents it serves from the dialer. */
  subscriptions(node: GatewayProcess): Promise<number> {
    return this.metric(node, 'puente_dialer_subscriptions').then((n) => n || 0);
  }

  /** The node running the most dialer subscriptions (the first on a tie): the one whose death costs most. */
  async busiest(): Promise<GatewayProcess> {
    const counts = await Promise.all(this.nodes.map((node) => this.subscriptions(node)));
    return this.nodes[counts[1] > counts[0] ? 1 : 0];
  }

  /** The node holding the most panels (the first on a tie), and how many: the screens a failure there reaches. */
  async mostPanels(): Promise<{ node: GatewayProcess; panels: number }> {
    const counts = await Promise.all(this.nodes.map((node) => this.metric(node, 'puente_connected_panels')));
    const index = counts[1] > counts[0] ? 1 : 0;
    return { node: this.nodes[index], panels: counts[index] };
  }

  /** Open event streams per agent at the dialer (its operator view): one each when exactly one node follows them. */
  async dialerStreams(users: string[]): Promise<Record<string, number | undefined>> {
    return Object.fromEntries(
      await Promise.all(
        users.map(async (user) => [user, (await this.dialer.agent(user))?.eventStreams] as const),
      ),
    );
  }

  /**
   * The dialer's open event streams per agent once it holds exactly one for
   * each (as `oneStreamEach` expects), or as they are after `withinMs`: a
   * node that gave an agent up closes its stream a moment later.
   */
  async settledDialerStreams(
    users: string[],
    withinMs = 10_000,
  ): Promise<Record<string, number | undefined>> {
    let streams = await this.dialerStreams(users);
    for (const end = Date.now() + withinMs; Date.now() < end;) {
      if (Object.values(streams).every((n) => n === 1)) break;
      await new Promise((r) => setTimeout(r, 100));
      streams = await this.dialerStreams(users);
    }
    return streams;
  }

  /** An agent's state as one node serves it (GET /api/v1/agent/state on that node, not the balancer). */
  async stateOn(node: GatewayProcess, token: string): Promise<AgentState> {
    const res = await node.request('GET', '/api/v1/agent/state', { token });
    if (res.status !== 200)
      throw new Error(
        `GET /api/v1/agent/state on ${this.nameOf(node)}: ${res.status} ${JSON.stringify(res.body)}`,
      );
    return res.body as AgentState;
  }
}

/** What `settledDialerStreams` answers when exactly one node follows each agent. */
export function oneStreamEach(users: string[]): Record<string, number> {
  return Object.fromEntries(users.map((user) => [user, 1]));
}
