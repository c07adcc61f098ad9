import { RedisUnavailableError } from './redis.provider';
import { whenRedisAnswers } from './redis-patience';

const quick = { attempts: 4, pauseMs: 1 };

describe('whenRedisAnswers', () => {
  it('tries again while Redis is away, and answers what the work answers once it is back', async () => {
    let calls = 0;
    const waits: string[] = [];
    const answer = await whenRedisAnswers(
      async () => {
        if (++calls < 3) throw new RedisUnavailableError(new Error('down'));
        return 'written';
      },
      (error) => waits.push(error.code),
      quick,
    );
    expect(answer).toBe('written');
    expect(calls).toBe(3);
    expect(waits).toEqual(['REDIS_UNAVAILABLE']);
  });

  it('gives up after the last try, and never retries another failure', async () => {
    let calls = 0;
    const away = whenRedisAnswers(
      async () => {
        calls++;
        throw new RedisUnavailableError(new Error('down'));
      },
      undefined,
      quick,
    );
    await expect(away).rejects.toBeInstanceOf(RedisUnavailableError);
    expect(calls).toBe(4);
    calls = 0;
    const bug = whenRedisAnswers(
      async () => {
        calls++;
        throw new TypeError('defect');
      },
      undefined,
      quick,
    );
    await expect(bug).rejects.toBeInstanceOf(TypeError);
    expect(calls).toBe(1);
  });
});
