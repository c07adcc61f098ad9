import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Logger, type Provider } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { RedisLeases } from './lease';
import { LeaseKeeper } from './lease-keeper';
import { REDIS, type RedisConnection } from './redis.provider';

/** Background work that must run once per cluster, not once per node (issue 18 §2). */
export interface ClusterJob {
  readonly name: string;
  readonly intervalMs: number;
  /** Must tolerate running twice around a takeover: the new node may run it before the old one's run is known. */
  run(): Promise<void> | void;
}

export interface ClusterJobsOptions {
  /** Lease of each job: a dead node's jobs move within ttl + renew (3 s goal: 2000 + 600). */
  readonly ttlMs: number;
  readonly renewMs: number;
}

export const CLUSTER_JOB_LEASE: ClusterJobsOptions = { ttlMs: 2000, renewMs: 600 };

/** This process among the nodes: readable in Redis (who holds what) and unique across restarts. */
export const NODE_ID = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/**
 * Runs each registered job on one node of the cluster: the node holding the
 * job's lease (`job:<name>`). Without Redis (one node) every job simply runs
 * here. A run never overlaps the previous one, and a node stops running a
 * job as soon as its lease is lost or unconfirmed.
 */
export class ClusterJobs {
  private readonly logger = new Logger('ClusterJobs');
  private readonly running = new Map<string, RunningJob>();
  private readonly leases: RedisLeases | null;

  constructor(
    redis: RedisConnection | null,
    readonly nodeId: string = NODE_ID,
    private readonly options: ClusterJobsOptions = CLUSTER_JOB_LEASE,
  ) {
    this.leases = redis ? new RedisLeases(redis.client) : null;
  }

  register(job: ClusterJob): void {
    if (this.running.has(job.name)) throw new Error(`cluster job ${job.name} is registered twice`);
    const entry: RunningJob = { job, timer: undefined, busy: undefined, keeper: null, events: null };
    this.running.set(job.name, entry);
    if (!this.leases) {
      this.startTimer(entry);
      return;
    }
    const keeper = new LeaseKeeper(this.leases, {
      name: `job:${job.name}`,
      holderId: this.nodeId,
      ttlMs: this.options.ttlMs,
      renewMs: this.options.renewMs,
    });
    entry.keeper = keeper;
    entry.events = keeper.events$.subscribe((event) => {
      if (event.type === 'gained') {
        this.logger.log(`runs ${job.name} for the cluster (lease token ${event.token})`);
        this.startTimer(entry);
      } else {
        this.logger.log(`stops running ${job.name}: lease ${event.reason}`);
        clearInterval(entry.timer);
        entry.timer = undefined;
      }
    });
    keeper.start();
  }

  /** Whether this node runs the job now (for health details and tests). */
  runsHere(name: string): boolean {
    return this.running.get(name)?.timer !== undefined;
  }

  /** Stops every job, waits for runs under way, and releases the leases so another node takes over at once. */
  async stop(): Promise<void> {
    const entries = [...this.running.values()];
    this.running.clear();
    await Promise.all(
      entries.map(async (entry) => {
        clearInterval(entry.timer);
        entry.timer = undefined;
        await entry.busy;
        await entry.keeper?.stop();
        entry.events?.unsubscribe();
      }),
    );
  }

  private startTimer(entry: RunningJob): void {
    clearInterval(entry.timer);
    entry.timer = setInterval(() => this.runOnce(entry), entry.job.intervalMs);
    entry.timer.unref();
    this.runOnce(entry);
  }

  private runOnce(entry: RunningJob): void {
    if (entry.busy) return;
    // A lease that can no longer be confirmed stops the work before Redis's expiry lets another node start it.
    if (entry.keeper && entry.keeper.token === null) return;
    entry.busy = (async () => {
      try {
        await entry.job.run();
      } catch (error) {
        this.logger.warn(`job ${entry.job.name} failed: ${(error as Error).message}`);
      } finally {
        entry.busy = undefined;
      }
    })();
  }
}

interface RunningJob {
  readonly job: ClusterJob;
  timer: NodeJS.Timeout | undefined;
  busy: Promise<void> | undefined;
  keeper: LeaseKeeper | null;
  events: Subscription | null;
}

let apps = 0;

export const clusterJobsProvider: Provider = {
  provide: ClusterJobs,
  inject: [REDIS],
  // One holder per application, not per process: two gateway apps in one process (the two-node
  // specs) would otherwise share a holder id, and a lease's holder asking again keeps it.
  useFactory: (redis: RedisConnection | null) => new ClusterJobs(redis, `${NODE_ID}#${++apps}`),
};
