import { BehaviorSubject } from 'rxjs';
import type { RedisConnection, RedisStatus } from '../cluster/redis.provider';
import { withoutRedisFor } from './redis-loss';

/** Just the status stream of a RedisConnection, driven by the test. */
function fakeConnection(initial: RedisStatus): {
  status: BehaviorSubject<RedisStatus>;
  redis: RedisConnection;
} {
  const status = new BehaviorSubject<RedisStatus>(initial);
  return { status, redis: { status$: status.asObservable() } as unknown as RedisConnection };
}

/** Issue 18: when a node counts as cut off from Redis (realtime/redis-loss.ts). Fake timers: no host's load moves it. */
describe('withoutRedisFor', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('says so once Redis has been away for the whole time, and again after each new loss', () => {
    const { status, redis } = fakeConnection('up');
    let heard = 0;
    const subscription = withoutRedisFor(redis, 3000).subscribe(() => heard++);
    status.next('down');
    jest.advanceTimersByTime(2999);
    expect(heard).toBe(0);
    jest.advanceTimersByTime(1);
    expect(heard).toBe(1);
    jest.advanceTimersByTime(10_000);
    expect(heard).toBe(1);
    status.next('up');
    status.next('down');
    jest.advanceTimersByTime(3000);
    expect(heard).toBe(2);
    subscription.unsubscribe();
  });

  it('a blip shorter than the time says nothing', () => {
    const { status, redis } = fakeConnection('up');
    let heard = 0;
    const subscription = withoutRedisFor(redis, 3000).subscribe(() => heard++);
    status.next('down');
    jest.advanceTimersByTime(2000);
    status.next('up');
    jest.advanceTimersByTime(10_000);
    expect(heard).toBe(0);
    subscription.unsubscribe();
  });

  it('one node without REDIS_URL never counts as cut off', () => {
    let heard = 0;
    withoutRedisFor(null, 1).subscribe(() => heard++);
    jest.advanceTimersByTime(1000);
    expect(heard).toBe(0);
  });
});
