import { REDIS, type RedisConnection } from '../app/cluster/redis.provider';
import { CLUSTER_TOKEN_SECRETS } from './cluster-secrets';
import { GatewayHarness, type HarnessOptions } from './gateway-harness';

export { CLUSTER_TOKEN_SECRETS };

/**
 * One gateway node of a test cluster (issue 18 §2): in-process, on the given
 * Redis, with the shared token keys. Its start waits for Redis
 * (REDIS_START_WAIT_MS); one that started without it would answer
 * REDIS_UNAVAILABLE, which is not what a cluster test is about.
 */
export async function startClusterNode(redisUrl: string, options: HarnessOptions): Promise<GatewayHarness> {
  const node = await new GatewayHarness({
    ...options,
    env: { REDIS_URL: redisUrl, GATEWAY_TOKEN_SECRETS: CLUSTER_TOKEN_SECRETS, ...options.env },
  }).start();
  if (!node.app.get<RedisConnection>(REDIS).isUp) {
    await node.stop();
    throw new Error(`the node started without Redis at ${redisUrl}`);
  }
  return node;
}
