import { Logger } from '@nestjs/common';
import { BehaviorSubject } from 'rxjs';
import type { Namespace } from 'socket.io';
import type { SessionService } from '../auth/session.service';
import type { RedisConnection, RedisStatus } from '../cluster/redis.provider';
import { closeVanishedSessions, redisBack, withoutRedisFor } from './redis-loss';

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

describe('redisBack', () => {
  it('says so each time Redis returns after a loss, not at the first connection', () => {
    const { status, redis } = fakeConnection('down');
    let heard = 0;
    const subscription = redisBack(redis).subscribe(() => heard++);
    status.next('up');
    expect(heard).toBe(0);
    status.next('down');
    status.next('up');
    expect(heard).toBe(1);
    status.next('down');
    status.next('up');
    expect(heard).toBe(2);
    subscription.unsubscribe();
  });

  it('a node started with Redis up hears the first return too', () => {
    const { status, redis } = fakeConnection('up');
    let heard = 0;
    redisBack(redis).subscribe(() => heard++);
    status.next('down');
    status.next('up');
    expect(heard).toBe(1);
  });
});

describe('closeVanishedSessions', () => {
  /** The check and its failure's handling have run (a few promise turns). */
  const settled = () => new Promise((resolve) => setImmediate(resolve));
  const logger = new Logger('test');
  beforeAll(() => Logger.overrideLogger(false));

  it("asks for this node's sockets' sessions, each once, when Redis returns; a failed check waits for the next return", async () => {
    const { status, redis } = fakeConnection('up');
    const asked: string[][] = [];
    let fail = true;
    const sessions = {
      endVanished: (ids: Iterable<string>) => {
        asked.push([...ids]);
        return fail ? Promise.reject(new Error('Redis lost again')) : Promise.resolve(1);
      },
    } as unknown as SessionService;
    // Three sockets, two of one session (an agent's panel and another tab).
    const sockets = new Map(
      ['s1', 's2', 's1'].map((sessionId, i) => [`socket-${i}`, { data: { sessionId } }]),
    );
    const namespace = { sockets } as unknown as Namespace;
    const subscription = closeVanishedSessions(() => namespace, sessions, redis, logger);
    expect(asked).toEqual([]);
    status.next('down');
    status.next('up');
    await settled();
    fail = false;
    status.next('down');
    status.next('up');
    await settled();
    expect(asked).toEqual([
      ['s1', 's2'],
      ['s1', 's2'],
    ]);
    subscription.unsubscribe();
  });
});
