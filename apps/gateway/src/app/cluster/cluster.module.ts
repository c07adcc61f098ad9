import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ClusterJobs, clusterJobsProvider } from './cluster-jobs';
import { OnceClaims, onceClaimsProvider } from './once-claims';
import { REDIS, type RedisConnection, redisProvider } from './redis.provider';

/**
 * Cluster mode's building blocks (issue 18 §2): the Redis connection
 * (null without REDIS_URL), the once-per-cluster job runner and claims. Closed
 * after the HTTP and socket.io servers, whose adapter still uses Redis.
 */
@Global()
@Module({
  providers: [redisProvider, clusterJobsProvider, onceClaimsProvider],
  exports: [REDIS, ClusterJobs, OnceClaims],
})
export class ClusterModule implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: RedisConnection | null,
    private readonly jobs: ClusterJobs,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.jobs.stop();
    this.redis?.close();
  }
}
