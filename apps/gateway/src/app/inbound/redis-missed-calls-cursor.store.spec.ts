import { Logger } from '@nestjs/common';
import { describeWithRedis, startRedis, type TestRedis } from '@puente/server-kit/testing';
import { RedisConnection } from '../cluster/redis.provider';
import { describeMissedCallsCursorStore } from './missed-calls-cursor.store.contract';
import { MISSED_CALLS_CURSOR_KEY, RedisMissedCallsCursorStore } from './redis-missed-calls-cursor.store';

describeWithRedis('RedisMissedCallsCursorStore (issue 18 §2, real redis-server)', () => {
  let server: TestRedis;
  let connection: RedisConnection;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    server = await startRedis();
    connection = new RedisConnection(server.url, 'missed-cursor-spec');
    await connection.whenUp();
  });
  afterAll(async () => {
    connection.close();
    await server.stop();
  });

  describeMissedCallsCursorStore(async () => {
    await connection.client.flushall();
    return new RedisMissedCallsCursorStore(connection.client);
  });

  it('is one key for the whole cluster: what one node saves, another loads', async () => {
    await connection.client.flushall();
    await new RedisMissedCallsCursorStore(connection.client).save({ epoch: 'run-9', after: 41 });
    expect(await new RedisMissedCallsCursorStore(connection.client).load()).toEqual({
      epoch: 'run-9',
      after: 41,
    });
    expect(JSON.parse(String(await connection.client.get(MISSED_CALLS_CURSOR_KEY)))).toEqual({
      epoch: 'run-9',
      after: 41,
    });
  });

  it('overwrites a damaged value instead of failing for ever', async () => {
    await connection.client.set(MISSED_CALLS_CURSOR_KEY, 'not json');
    const store = new RedisMissedCallsCursorStore(connection.client);
    await expect(store.load()).rejects.toThrow();
    await store.save({ epoch: 'run-1', after: 2 });
    expect(await store.load()).toEqual({ epoch: 'run-1', after: 2 });
  });
});
