import { REDIS, type RedisConnection } from '../app/cluster/redis.provider';
import { CLUSTER_TOKEN_SECRETS } from './cluster-secrets';
import { GatewayHarness, type HarnessOptions } from './gateway-harness';

export { CLUSTER_TOKEN_SECRETS };

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
