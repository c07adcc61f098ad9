import { describeWithRedis, startRedis } from '@puente/server-kit/testing';
import { clusterOutcome } from '../testing/cluster-outcome';
import { oneStreamEach } from '../testing/cluster-stack';
import { clusterSuite } from '../testing/cluster-suite';
import { until } from '../testing/ledger';
import type { TcpGate } from '../testing/tcp-gate';

/**
 * Issue 18 §2, "exactly one dialer subscription per logged-in agent … when
 * its node dies another node takes it over", for a node that does not die
 * but loses the dialer alone (a partition between one gateway host and the
 * dialer, while the other node still reaches it). Its heartbeat goes on, so
 * nothing took its agents: their dialer events stopped, and the customers'
 * calls went on unseen, while the other node could have served them. Now
 * the node says in its heartbeat that it does not reach the dialer, and the
 * node that does takes its agents over and follows them from where their
 * streams stand: every panel shows its call end, with the dialer up; once
 * the dialer is back for the first node it takes nothing back; every event
 * once by seq, every Task once, one dialer stream per agent.
 */
jest.setTimeout(240_000);

describeWithRedis('failure (cluster): one node loses the dialer, the other keeps it (issue 18 §2)', () => {
  const { stack, agents } = clusterSuite({ beforeAll, afterAll }, { startRedis, gateDialer: true });
  const users = () => agents.map((a) => a.user);

  const partitions = [
    // Refused: connections reset, the streams drop at once.
    { how: 'refused', cut: (gate: TcpGate) => gate.cut(), restore: (gate: TcpGate) => gate.open() },
    // Black-holed: nothing answers and nothing closes (a dropped-packet partition).
    {
      how: 'black-holed',
      cut: (gate: TcpGate) => Promise.resolve(gate.hang()),
      restore: (gate: TcpGate) => Promise.resolve(gate.release()),
    },
  ];

  it.each(partitions)(
    "$how: the other node follows the cut-off node's agents: their calls show, nothing lost or doubled",
    async ({ how, cut, restore }) => {
      await Promise.all(agents.map((a) => a.callThrough()));
      const talking = await Promise.all(agents.map((a) => a.answer()));
      const cutOff = await stack.busiest();
      const survivor = stack.other(cutOff);
      const ran = await stack.subscriptions(cutOff);
      expect(ran).toBeGreaterThan(0);

      const gate = stack.dialerGates[stack.nodes.indexOf(cutOff)];
      await cut(gate);
      const cutAt = Date.now();
      let movedMs = 0;
      try {
        await until(
          'the other node following every agent',
          async () => (await stack.subscriptions(survivor)) === agents.length,
          60_000,
          100,
        );
        movedMs = Date.now() - cutAt;
        // The customers hang up: every panel shows it, from the dialer streams the survivor follows.
        for (const callId of talking) await stack.dialer.operator('POST', `/operator/calls/${callId}/hangup`);
        await Promise.all(
          agents.map((a, i) =>
            a.waitForState((s) => s.call?.callId === talking[i] && s.call.status === 'ended', 10_000),
          ),
        );
        await Promise.all(agents.map((a) => a.waitForState((s) => s.dialerStatus === 'up', 10_000)));
        expect(await stack.settledDialerStreams(users())).toEqual(oneStreamEach(users()));
      } finally {
        await restore(gate);
      }
      // The first node reaches the dialer again and takes nothing back; the agents go on through either node.
      await until(
        'the cut-off node ready again',
        async () => (await stack.upstream(cutOff, 'dialer')) === 'up',
      );
      await Promise.all(agents.map((a, i) => a.wrapUp(talking[i])));
      await Promise.all(agents.map((a) => a.callThrough()));
      expect(await stack.subscriptions(survivor)).toBe(agents.length);
      expect(await stack.subscriptions(cutOff)).toBe(0);

      const { outcome, perfect, figures } = await clusterOutcome(stack, agents);
      console.log(
        `${how}: node ${stack.nameOf(cutOff)} cut off the dialer with ${ran} agents; followed from ${stack.nameOf(survivor)} ` +
          `${movedMs} ms after the cut; ${figures}`,
      );
      expect(outcome).toEqual(perfect);
    },
  );
});
