import { REDIS, type RedisConnection } from '../app/cluster/redis.provider';
import { GatewayHarness, type HarnessOptions } from './gateway-harness';

/** The token keys every node of a test cluster shares (cluster mode refuses to start without them). */
export const CLUSTER_TOKEN_SECRETS = 'k1:0123456789abcdef0123456789abcdef';

/**
 * One gateway node of a test cluster (issue 18 §2): in-process, on the given
 * Redis, with the shared token keys, started and connected to Redis (a node
 * answers REDIS_UNAVAILABLE until it is).
 */
export async function startClusterNode(redisUrl: string, options: HarnessOptions): Promise<GatewayHarness> {
  const node = await new GatewayHarness({
    ...options,
    env: { REDIS_URL: redisUrl, GATEWAY_TOKEN_SECRETS: CLUSTER_TOKEN_SECRETS, ...options.env },
  }).start();
  await node.app.get<RedisConnection>(REDIS).whenUp();
  return node;
}
