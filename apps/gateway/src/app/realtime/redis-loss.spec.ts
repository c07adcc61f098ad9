import { BehaviorSubject } from 'rxjs';
import type { RedisConnection, RedisStatus } from '../cluster/redis.provider';
import { withoutRedisFor } from './redis-loss';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Just the status stream of a RedisConnection, driven by the test. */
function fakeConnection(initial: RedisStatus): {
  status: BehaviorSubject<RedisStatus>;
  redis: RedisConnection;
} {
  const status = new BehaviorSubject<RedisStatus>(initial);
  return { status, redis: { status$: status.asObservable() } as unknown as RedisConnection };
}

/** Issue 18: when a node counts as cut off from Redis (realtime/redis-loss.ts). */
describe('withoutRedisFor', () => {
  it('says so once Redis has been away for the whole time, and again after each new loss', async () => {
    const { status, redis } = fakeConnection('up');
    const heard: number[] = [];
    const subscription = withoutRedisFor(redis, 60).subscribe(() => heard.push(Date.now()));
    try {
      status.next('down');
      await sleep(100);
      expect(heard).toHaveLength(1);
      status.next('up');
      status.next('down');
      await sleep(100);
      expect(heard).toHaveLength(2);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('a blip shorter than the time says nothing', async () => {
    const { status, redis } = fakeConnection('up');
    let heard = 0;
    const subscription = withoutRedisFor(redis, 80).subscribe(() => heard++);
    try {
      status.next('down');
      await sleep(30);
      status.next('up');
      await sleep(100);
      expect(heard).toBe(0);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('one node without REDIS_URL never counts as cut off', async () => {
    let heard = 0;
    withoutRedisFor(null, 1).subscribe(() => heard++);
    await sleep(20);
    expect(heard).toBe(0);
  });
});
