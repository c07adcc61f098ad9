import { REDIS_BINARY, redisAvailable } from './redis-server';

/**
 * describe() when redis-server is installed. Without it the suite is listed
 * as skipped with the reason in its title; under CI (CI=true) it fails
 * instead, since .ci/run installs Redis and a skip there would hide a gap.
 * Kept apart from the launcher, which the benchmarks use without Jest.
 */
export function describeWithRedis(name: string, body: () => void): void {
  if (redisAvailable()) {
    describe(name, body);
    return;
  }
  const reason = `redis-server not found (${REDIS_BINARY}): install it (apt-get install redis-server)`;
  if (process.env['CI']) {
    describe(name, () => {
      it('needs redis-server', () => {
        throw new Error(reason);
      });
    });
    return;
  }
  describe.skip(`${name} [SKIPPED: ${reason}]`, body);
}
