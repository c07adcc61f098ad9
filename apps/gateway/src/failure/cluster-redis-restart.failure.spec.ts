import { describeWithRedis, startRedis } from '@puente/server-kit/testing';
import { SOCKETS_RELEASED_AFTER_MS } from '../app/realtime/redis-loss';
import { clusterOutcome } from '../testing/cluster-outcome';
import { oneStreamEach } from '../testing/cluster-stack';
import { clusterSuite } from '../testing/cluster-suite';
import { until } from '../testing/ledger';

/**
 * Issue 18 §3, "Redis restarted: the cluster recovers without agents logging
 * in again". Redis runs as production runs it, with persistence (an
 * append-only file, ClusterStack): it is stopped while four agents talk and
 * started again on the same port and file. While it is away both nodes say
 * so on /health, a command answers 503 REDIS_UNAVAILABLE without reaching the
 * dialer, and the customers hang up (dialer events nobody can commit yet).
 * Once it is back, with no new login: the panels show the calls ended (the
 * outage's events arrive, by seq, none lost or doubled), the access and
 * refresh tokens work, the agents categorise and take new calls, and every
 * call's Task lands once. Away longer than SOCKETS_RELEASED_AFTER_MS, every
 * node lets its panels go (a node without Redis shows them nothing); they
 * reconnect once Redis is back and resume by replay. Frozen instead
 * (SIGSTOP: connections open, nothing answered), every node's heartbeat and
 * lease expires during the freeze: woken, no node may take over another's
 * agents, and each agent keeps exactly one dialer stream. (A Redis without
 * persistence that comes back empty is a different failure: every session is
 * gone, and agents must log in.)
 */
jest.setTimeout(240_000);

describeWithRedis('failure (cluster): Redis is restarted under two nodes (issue 18 §3)', () => {
  const { stack, agents } = clusterSuite({ beforeAll, afterAll }, { startRedis });
  const redisOnBoth = (want: 'up' | 'down') =>
    until(
      `Redis ${want} on both nodes' /health`,
      async () =>
        (await Promise.all(stack.nodes.map((n) => stack.upstream(n, 'redis')))).every((s) => s === want),
      20_000,
      100,
    );

  const outages = [
    { outage: 'a brief outage', how: 'restart', awayMs: 0 },
    // Past it every node lets its panels go (realtime/redis-loss.ts): they reconnect once Redis is back.
    { outage: 'an outage past the sockets’ grace', how: 'restart', awayMs: SOCKETS_RELEASED_AFTER_MS + 2000 },
    // Frozen (SIGSTOP: a stalled VM, a swapped host): connections stay open and nothing answers, and the
    // leases' expiry times pass meanwhile, so every lease runs out at once when it wakes.
    { outage: 'a freeze past the leases and the sockets’ grace', how: 'freeze', awayMs: 8000 },
  ] as const;
  const users = () => agents.map((a) => a.user);

  it.each(outages)(
    '$outage: recovers by itself, the same sessions, the outage’s dialer events delivered once, calls go on',
    async ({ how, awayMs }) => {
      await Promise.all(agents.map((a) => a.callThrough()));
      const talking = await Promise.all(agents.map((a) => a.answer()));
      const refreshTokens = agents.map((a) => a.refreshToken);
      const reconnectsBefore = agents.map((a) => a.reconnects.length);

      const stoppedAt = Date.now();
      await (how === 'freeze' ? stack.redis.kill('SIGSTOP') : stack.redis.stop());
      await redisOnBoth('down');
      const refused = await agents[0].request('POST', `/api/v1/calls/${talking[0]}/hold`);
      expect({ status: refused.status, code: refused.body?.code }).toEqual({
        status: 503,
        code: 'REDIS_UNAVAILABLE',
      });
      const atDialer = (await stack.dialer.state()).calls as { callId: string; state: string }[];
      expect(atDialer.find((c) => c.callId === talking[0])?.state).toBe('talking');
      // The customers hang up while Redis is away: events the nodes cannot commit yet.
      for (const callId of talking) await stack.dialer.operator('POST', `/operator/calls/${callId}/hangup`);

      await new Promise((r) => setTimeout(r, Math.max(0, awayMs - (Date.now() - stoppedAt))));
      await (how === 'freeze' ? stack.redis.kill('SIGCONT') : stack.redis.restart());
      const awayFor = Date.now() - stoppedAt;
      await redisOnBoth('up');
      // Exactly one node follows each agent at the dialer again, with one event stream each.
      expect(await stack.settledDialerStreams(users(), 15_000)).toEqual(oneStreamEach(users()));
      const followed = await Promise.all(stack.nodes.map((n) => stack.subscriptions(n)));
      expect(followed.reduce((a, b) => a + b)).toBe(agents.length);
      // Each panel shows its call ended, then the agent categorises it and goes on.
      await Promise.all(agents.map((a, i) => a.wrapUp(talking[i])));
      // No new login: the tokens of before still work, and the refresh token rotates.
      const refreshed = await Promise.all(
        agents.map(async (a, i) => {
          const res = await stack.gateway.request('POST', '/api/v1/sessions/refresh', {
            body: { refreshToken: refreshTokens[i] },
            key: false,
          });
          if (res.status === 200)
            Object.assign(a, { token: res.body.accessToken, refreshToken: res.body.refreshToken });
          return `${a.user}: ${res.status}`;
        }),
      );
      expect(refreshed).toEqual(agents.map((a) => `${a.user}: 200`));
      await Promise.all(agents.map((a) => a.callThrough()));

      const reconnected = agents.filter((a, i) => a.reconnects.length > reconnectsBefore[i]).length;
      // Each panel was let go once its node had been without Redis past the grace, and came back by replay.
      if (awayMs > SOCKETS_RELEASED_AFTER_MS) expect(reconnected).toBe(agents.length);

      const { outcome, perfect, figures } = await clusterOutcome(stack, agents);
      console.log(
        `Redis ${how === 'freeze' ? 'frozen' : 'away'} ${awayFor} ms` +
          `${how === 'freeze' ? '' : ', started again with its append-only file'}; ` +
          `nodes follow ${followed.join(' + ')} agents; ${figures}`,
      );
      expect(outcome).toEqual(perfect);
    },
  );
});
