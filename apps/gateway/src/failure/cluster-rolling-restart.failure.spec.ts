import { describeWithRedis, startRedis } from '@puente/server-kit/testing';
import { type ClusterAgent, progressiveAgents } from '../testing/cluster-agent';
import { clusterOutcome } from '../testing/cluster-outcome';
import { ClusterStack } from '../testing/cluster-stack';
import { until } from '../testing/ledger';

/**
 * Issue 18 §3, "a rolling restart of both nodes during traffic": four agents
 * take calls back to back through the balancer while node A is stopped
 * (SIGTERM, as a deployment does), started on its state folder and waited
 * for until ready, then node B the same way. No agent may notice more than a
 * reconnect: every command of the run succeeds (a command cut by the stop is
 * retried once with its Idempotency-Key, as the panel does), no session ends,
 * no agent.logged_out, every reconnect resumes by replay, no event is lost
 * or doubled by seq, the refresh token of the morning still rotates, and
 * every call's Task lands once.
 */
jest.setTimeout(240_000);

describeWithRedis('failure (cluster): a rolling restart of both nodes during traffic (issue 18 §3)', () => {
  const stack = new ClusterStack({ startRedis });
  let agents: ClusterAgent[] = [];

  beforeAll(async () => {
    await stack.start();
    await stack.scriptCustomers();
    agents = progressiveAgents(stack);
    await Promise.all(agents.map((a) => a.start()));
  });

  afterAll(async () => {
    for (const agent of agents) agent.close();
    await stack.stop();
  });

  /** What broke an agent's traffic (its loop stops at the first failure), with the phase it broke in. */
  const failures: string[] = [];
  let phase = 'both nodes up';
  /** Waits until every agent has finished at least one more call than it had (or one agent's traffic broke). */
  const oneMoreCallEach = async (what: string) => {
    const had = agents.map((a) => a.finished.length);
    await until(
      what,
      () => failures.length || agents.every((a, i) => a.finished.length > had[i]),
      60_000,
      100,
    );
    expect(failures).toEqual([]);
  };

  it('no agent notices more than a reconnect', async () => {
    const refreshTokens = agents.map((a) => a.refreshToken);
    let stopping = false;
    const traffic = agents.map(async (a) => {
      try {
        while (!stopping) await a.callThrough();
      } catch (error) {
        const dialer = await stack.dialer.agent(a.user).catch(() => undefined);
        failures.push(`${phase}: ${(error as Error).message}; at the dialer: ${JSON.stringify(dialer)}`);
      }
    });
    const [nodeA, nodeB] = stack.nodes;
    try {
      await oneMoreCallEach('traffic on both nodes');
      const started = Date.now();
      phase = 'node A restarting';
      await stack.restart(nodeA, 'stop');
      const aBack = Date.now() - started;
      phase = 'node A back';
      await oneMoreCallEach('calls after node A came back');
      phase = 'node B restarting';
      await stack.restart(nodeB, 'stop');
      const bBack = Date.now() - started - aBack;
      phase = 'node B back';
      await oneMoreCallEach('calls after node B came back');
      console.log(`node A back and ready in ${aBack} ms, node B in ${bBack} ms`);
    } finally {
      stopping = true;
      await Promise.all(traffic);
    }
    expect(failures).toEqual([]);

    // The sessions of before both restarts: their refresh tokens rotate, no new login needed.
    const refreshed = await Promise.all(
      agents.map(async (a, i) => {
        const res = await stack.gateway.request('POST', '/api/v1/sessions/refresh', {
          body: { refreshToken: refreshTokens[i] },
          key: false,
        });
        if (res.status === 200) a.token = res.body.accessToken;
        return `${a.user}: ${res.status}`;
      }),
    );
    expect(refreshed).toEqual(agents.map((a) => `${a.user}: 200`));
    const { outcome, perfect, figures } = await clusterOutcome(stack, agents);
    console.log(`rolling restart under traffic: ${figures}`);
    expect(outcome).toEqual(perfect);
  });
});
