import { describeWithRedis, startRedis } from '@puente/server-kit/testing';
import { clusterOutcome } from '../testing/cluster-outcome';
import { clusterSuite } from '../testing/cluster-suite';

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
  const { stack, agents } = clusterSuite({ beforeAll, afterAll }, { startRedis });

  /** What broke an agent's traffic, with the phase it broke in. */
  const failures: string[] = [];
  let phase = 'both nodes up';
  /**
   * One call per agent through the balancer, all at once: during a node's
   * restart the calls are in progress while it stops and starts. A bounded
   * number of calls per phase, so the campaign's contacts last the test.
   */
  const callRound = () =>
    Promise.all(
      agents.map(async (a) => {
        try {
          await a.callThrough();
        } catch (error) {
          const dialer = await stack.dialer.agent(a.user).catch(() => undefined);
          failures.push(`${phase}: ${(error as Error).message}; at the dialer: ${JSON.stringify(dialer)}`);
        }
      }),
    );

  it('no agent notices more than a reconnect', async () => {
    const refreshTokens = agents.map((a) => a.refreshToken);
    const [nodeA, nodeB] = stack.nodes;
    await callRound();
    const started = Date.now();
    phase = 'node A restarting';
    await Promise.all([callRound(), stack.restart(nodeA, 'stop')]);
    const aBack = Date.now() - started;
    phase = 'node A back';
    await callRound();
    phase = 'node B restarting';
    const bStarted = Date.now();
    await Promise.all([callRound(), stack.restart(nodeB, 'stop')]);
    const bBack = Date.now() - bStarted;
    phase = 'node B back';
    await callRound();
    console.log(`node A restarted under traffic in ${aBack} ms, node B in ${bBack} ms`);
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
