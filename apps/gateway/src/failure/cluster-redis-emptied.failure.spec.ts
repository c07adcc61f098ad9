import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describeWithRedis, startRedis } from '@puente/server-kit/testing';
import { clusterOutcome } from '../testing/cluster-outcome';
import { oneStreamEach } from '../testing/cluster-stack';
import { clusterSuite } from '../testing/cluster-suite';
import { until } from '../testing/ledger';

/**
 * Issue 18 §2, "Redis down: … nothing is corrupted, and they recover by
 * themselves", for the Redis that comes back **empty**: restarted without
 * its append-only file (a cache run without persistence, a replica promoted
 * before it had the sessions). Every session is gone, so the agents must log
 * in again (docs/operations.md); what must not happen is what the audit found
 * elsewhere: panels left connected after the short outage, looking live,
 * while nobody follows their agents at the dialer. Each panel is told its
 * session ended and closed; the agent logs in again and finds the call still
 * going at the dialer, finishes and categorises it, and its Task lands once;
 * one dialer stream per agent, calls go on.
 */
jest.setTimeout(240_000);

describeWithRedis('failure (cluster): Redis comes back empty under two nodes (issue 18 §2)', () => {
  const { stack, agents } = clusterSuite({ beforeAll, afterAll }, { startRedis });
  const users = () => agents.map((a) => a.user);

  it('every panel is told its session ended; logged in again, the agents find their calls and finish them', async () => {
    await Promise.all(agents.map((a) => a.callThrough()));
    const talking = await Promise.all(agents.map((a) => a.answer()));

    // A restart that keeps nothing: stopped, its append-only file gone, started again on the same port.
    await stack.redis.stop();
    for (const file of readdirSync(stack.redisDir)) rmSync(join(stack.redisDir, file), { recursive: true });
    const restartedAt = Date.now();
    await stack.redis.restart();

    // Short enough that no node let its panels go for being without Redis: each is told, and closed.
    await until(
      'every panel told its session ended',
      async () => agents.every((a) => a.sessionEnded !== null && !a.panel.socket.connected),
      10_000,
      50,
    ).catch(() => undefined);
    expect(agents.map((a) => `${a.user}: ${a.sessionEnded}, connected ${a.panel.socket.connected}`)).toEqual(
      agents.map((a) => `${a.user}: expired, connected false`),
    );
    const toldMs = Date.now() - restartedAt;
    const stale = await Promise.all(
      agents.map(async (a) => (await a.request('GET', '/api/v1/agent/state')).status),
    );
    expect(stale).toEqual(agents.map(() => 401));

    // Logged in again, each panel shows the call still going at the dialer, and the agent finishes it.
    const found = await Promise.all(agents.map((a) => a.loginAgain()));
    expect(found.map((s) => `${s.call?.callId} ${s.call?.status}`)).toEqual(
      talking.map((id) => `${id} talking`),
    );
    expect(await stack.settledDialerStreams(users())).toEqual(oneStreamEach(users()));
    const followed = await Promise.all(stack.nodes.map((n) => stack.subscriptions(n)));
    expect(followed.reduce((a, b) => a + b)).toBe(agents.length);

    await Promise.all(agents.map((a, i) => a.finish(talking[i])));
    await Promise.all(agents.map((a) => a.callThrough()));

    // Every call's Task once, the state each node serves the panel's; the sessions ended are the outage's.
    const { outcome, perfect, figures } = await clusterOutcome(stack, agents);
    expect(outcome.tasks).toEqual(perfect.tasks);
    expect(outcome.statesDiffer).toEqual([]);
    console.log(`Redis restarted empty; every panel told ${toldMs} ms after it was back; ${figures}`);
  });
});
