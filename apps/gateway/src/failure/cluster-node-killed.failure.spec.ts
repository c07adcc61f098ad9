import { isDeepStrictEqual } from 'node:util';
import type { AgentState } from '@puente/contracts';
import { describeWithRedis, startRedis } from '@puente/server-kit/testing';
import { clusterOutcome } from '../testing/cluster-outcome';
import { clusterSuite } from '../testing/cluster-suite';
import type { GatewayProcess } from '../testing/gateway-process';
import { until } from '../testing/ledger';

/**
 * Issue 18 §3, "kill -9 one node mid-call": two gateway nodes on Redis
 * behind a balancer, four agents talking (progressive campaign 2, so each
 * line is its agent's). The node running the most agents' dialer
 * subscriptions is SIGKILLed. Its agents must be served by the other node
 * within 3 s: the survivor serves the same state as before, and a hold
 * through the balancer acts at the dialer and its event reaches the panel
 * (only a node following the agent's dialer stream can deliver it). The
 * calls stay controllable (hold, hang-up, in the dialer's state too), later
 * calls flow, no event is lost or doubled by seq, each call's Task lands once.
 */
jest.setTimeout(240_000);

/** Issue 18 §3: "its agents are served by the other within 3 s". */
const SERVED_WITHIN_MS = 3000;

describeWithRedis('failure (cluster): a gateway node is killed mid-call (issue 18 §3)', () => {
  const { stack, agents } = clusterSuite({ beforeAll, afterAll }, { startRedis });

  it("serves the killed node's agents from the other within 3 s, with their calls; nothing lost or doubled", async () => {
    await Promise.all(agents.map((a) => a.callThrough()));
    const talking = await Promise.all(agents.map((a) => a.answer()));

    const victim = await stack.busiest();
    const survivor = stack.other(victim);
    const ran = await stack.subscriptions(victim);
    expect(ran).toBeGreaterThan(0);
    // Any node serves any agent: both say the same before the crash (once each has applied the last event).
    const statesOn = (node: GatewayProcess) => Promise.all(agents.map((a) => stack.stateOn(node, a.token)));
    let before: AgentState[] = await statesOn(victim);
    await until(
      'both nodes serving the same states',
      async () => isDeepStrictEqual((before = await statesOn(victim)), await statesOn(survivor)),
      5000,
      100,
    ).catch(() => undefined);
    expect(await statesOn(survivor)).toEqual(before);

    const killedAt = Date.now();
    await victim.kill();
    const after = await statesOn(survivor);
    // Served: a hold through the balancer (only the survivor is left) acts, and its event reaches the panel.
    const servedMs = await Promise.all(
      agents.map(async (a, i) => {
        await a.ok(`/api/v1/calls/${talking[i]}/hold`);
        await a.waitForState((s) => s.call?.callId === talking[i] && s.call.status === 'on_hold', 30_000);
        return Date.now() - killedAt;
      }),
    );
    expect(after).toEqual(before);
    const held = (await stack.dialer.state()).calls as { callId: string; state: string }[];
    expect(talking.map((id) => held.find((c) => c.callId === id)?.state)).toEqual(
      talking.map(() => 'on_hold'),
    );

    // Still controllable through the survivor: back from hold, hung up (in the dialer too), categorised.
    await Promise.all(
      agents.map(async (a, i) => {
        await a.ok(`/api/v1/calls/${talking[i]}/unhold`);
        await a.waitForState((s) => s.call?.status === 'talking', 10_000);
        await a.finish(talking[i]);
      }),
    );
    const ended = (await stack.dialer.state()).calls as { callId: string; state: string }[];
    expect(talking.filter((id) => ended.some((c) => c.callId === id && c.state !== 'ended'))).toEqual([]);
    const atDialer = await Promise.all(
      agents.map(async (a) => `${a.user}: ${(await stack.dialer.agent(a.user))?.state}`),
    );
    expect(atDialer).toEqual(agents.map((a) => `${a.user}: available`));
    // New calls go on, their dialer events from the survivor's subscriptions.
    await Promise.all(agents.map((a) => a.callThrough()));

    const { outcome, perfect, figures } = await clusterOutcome(stack, agents);
    console.log(
      `node ${stack.nameOf(victim)} killed running ${ran} agents' dialer subscriptions; ` +
        `agents served again after ${servedMs.join(', ')} ms; ${figures}`,
    );
    expect(outcome).toEqual(perfect);
    expect(Math.max(...servedMs)).toBeLessThanOrEqual(SERVED_WITHIN_MS);
  });
});
