import { Logger } from '@nestjs/common';
import { describeWithRedis, startRedis, type TestRedis } from '@puente/server-kit/testing';
import { ReplyError } from 'ioredis';
import { onRedis, runScript } from './redis-command';
import { RedisConnection, RedisUnavailableError } from './redis.provider';

// KEYS[1] a counter; ARGV[1] how much to add. Answers the new value.
const ADD = `return redis.call('INCRBY', KEYS[1], ARGV[1])`;
const FAILS = `return redis.error_reply('PUENTE_TEST script refused')`;

describeWithRedis('runScript: Lua scripts by their SHA1 (issue 18 §3, real redis-server)', () => {
  let redis: TestRedis;
  let node: RedisConnection;
  let admin: RedisConnection;

  /** How many times Redis ran EVAL and EVALSHA since the last CONFIG RESETSTAT. */
  async function scriptCalls(): Promise<{ eval: number; evalsha: number }> {
    const stats = await admin.client.info('commandstats');
    const calls = (command: string) =>
      Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(stats)?.[1] ?? 0);
    return { eval: calls('eval'), evalsha: calls('evalsha') };
  }

  beforeAll(async () => {
    Logger.overrideLogger(false);
    redis = await startRedis();
    node = new RedisConnection(redis.url, 'node');
    admin = new RedisConnection(redis.url, 'admin');
    await Promise.all([node.whenUp(), admin.whenUp()]);
  });
  beforeEach(async () => {
    await admin.client.config('RESETSTAT');
  });
  afterAll(async () => {
    node.close();
    admin.close();
    await redis.stop();
  });

  it("sends a script's text once per connection, then only its hash", async () => {
    const answers: unknown[] = [];
    for (let i = 0; i < 20; i++) answers.push(await runScript(node.client, ADD, ['first'], [2]));
    expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => 2 * (i + 1)));
    expect(await scriptCalls()).toEqual({ eval: 1, evalsha: 19 });
  });

  it('loads the script again when Redis has forgotten it (SCRIPT FLUSH)', async () => {
    expect(await runScript(node.client, ADD, ['flushed'], [1])).toBe(1);
    await admin.client.script('FLUSH');
    expect(await runScript(node.client, ADD, ['flushed'], [1])).toBe(2);
    expect(await runScript(node.client, ADD, ['flushed'], [1])).toBe(3);
    // The hash refused once (NOSCRIPT), the text once, then the hash again.
    expect(await scriptCalls()).toEqual({ eval: 1, evalsha: 3 });
  });

  it('runs on a restarted Redis once the connection is back, which knows no script', async () => {
    expect(await runScript(node.client, ADD, ['restarted'], [1])).toBe(1);
    await redis.restart();
    await node.whenUp();
    await admin.whenUp();
    // The restarted Redis has no data either (no persistence here): the counter starts again.
    expect(await runScript(node.client, ADD, ['restarted'], [5])).toBe(5);
  });

  it("keeps a script's own error a ReplyError, and Redis being unreachable a RedisUnavailableError", async () => {
    const refused = await onRedis(() => runScript(node.client, FAILS, [], [])).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ReplyError as typeof Error);
    expect((refused as Error).message).toContain('PUENTE_TEST script refused');

    await redis.kill('SIGSTOP');
    try {
      const frozen = await onRedis(() => runScript(node.client, ADD, ['frozen'], [1])).catch(
        (e: unknown) => e,
      );
      expect(frozen).toBeInstanceOf(RedisUnavailableError);
    } finally {
      await redis.kill('SIGCONT');
    }
  });
});
