import { join } from 'node:path';
import { ChildService } from './child-service';

export interface BenchGatewayOptions {
  workspaceRoot: string;
  dialerUrl: string;
  /** The node's own state folder (each node of a cluster has one, as on separate hosts). */
  dataDir: string;
  /** Cluster mode (issue 18 §2): the Redis every node shares. */
  redisUrl?: string;
  /** More Node flags (see ChildService). */
  nodeFlags?: readonly string[];
}

/**
 * The shared token keys of a bench cluster: cluster mode refuses to start
 * without GATEWAY_TOKEN_SECRETS, and a token signed by one node must be
 * accepted by the others.
 */
const CLUSTER_TOKEN_SECRETS = 'bench:bench-secret-bench-secret-bench-secret';

/**
 * A gateway from dist/ as a child process, set up for load: the contact
 * database and Salesforce point nowhere (agent events never touch them),
 * health probes are rare, logs are errors only.
 */
export function benchGateway(options: BenchGatewayOptions): ChildService {
  const { workspaceRoot, dialerUrl, dataDir, redisUrl } = options;
  return new ChildService(
    join(workspaceRoot, 'dist/apps/gateway/main.js'),
    {
      DIALER_URL: dialerUrl,
      SALESFORCE_URL: 'http://127.0.0.1:9',
      CONTACT_DB_URL: 'postgres://postgres@127.0.0.1:9/postgres',
      PUENTE_DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
      HEALTH_PROBE_INTERVAL_MS: '600000',
      DIALER_TIMEOUT_MS: '30000',
      ...(redisUrl
        ? { REDIS_URL: redisUrl, GATEWAY_TOKEN_SECRETS: CLUSTER_TOKEN_SECRETS }
        : { GATEWAY_TOKEN_SECRET: 'bench-secret-bench-secret-bench-secret' }),
      // Thousands of agents log in from this one address: measure the gateway, not its login limits.
      LOGIN_RATE_PER_ADDRESS: '1000000',
    },
    'GATEWAY_PORT',
    // Live, not ready: readiness needs every upstream, and Salesforce and the database are not there.
    '/health/live',
    options.nodeFlags,
  );
}

/** What a gateway's /metrics has counted so far: events applied, and its major (mark-compact) collections. */
export interface GatewayCounters {
  /**
   * Dialer events applied (the count of puente_event_lag_seconds, observed
   * once per event that came with the dialer's timestamp): tells events lost
   * before the gateway from events lost between it and the panels.
   */
  applied: number;
  majorGcs: number;
  majorGcSeconds: number;
  /** The event loop's delay since the previous scrape (prom-client resets it on each), p99 and max. */
  loopDelayP99Seconds: number;
  loopDelayMaxSeconds: number;
}

export async function gatewayCounters(gatewayUrl: string): Promise<GatewayCounters> {
  const text = await (await fetch(`${gatewayUrl}/metrics`)).text();
  const read = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? Number.NaN);
  return {
    applied: read(/^puente_event_lag_seconds_count (\d+)/m),
    majorGcs: read(/^puente_gateway_nodejs_gc_duration_seconds_count\{kind="major"\} (\S+)/m),
    majorGcSeconds: read(/^puente_gateway_nodejs_gc_duration_seconds_sum\{kind="major"\} (\S+)/m),
    loopDelayP99Seconds: read(/^puente_gateway_nodejs_eventloop_lag_p99_seconds (\S+)/m),
    loopDelayMaxSeconds: read(/^puente_gateway_nodejs_eventloop_lag_max_seconds (\S+)/m),
  };
}
