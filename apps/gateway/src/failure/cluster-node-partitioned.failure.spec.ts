import { describeWithRedis, startRedis } from '@puente/server-kit/testing';
import { clusterOutcome } from '../testing/cluster-outcome';
import { clusterSuite } from '../testing/cluster-suite';
import { until } from '../testing/ledger';

/**
 * Issue 18 §2-§3, a failure between the two the other specs cover: one node
 * loses Redis while the other keeps it (a partition, a firewall rule, a
 * broken route). The node still runs and holds its panels' sockets, but it
 * can neither read the agents' streams nor commit to them; the other node
 * takes its agents over at the dialer. A panel left on the cut-off node
 * would look connected and show nothing: no call ringing, no customer on
 * screen. So the cut-off node lets its panels go, and they reconnect
 * through the balancer to the node that has Redis (the cut-off one refuses
 * their handshakes meanwhile), resume by replay and show their calls. When
 * the partition heals nothing was lost or doubled and every Task landed once.
 */
jest.setTimeout(240_000);

describeWithRedis('failure (cluster): one node loses Redis, the other keeps it (issue 18 §2, §3)', () => {
  const { stack, agents } = clusterSuite({ beforeAll, afterAll }, { startRedis, gateRedis: true });

  /** How a node loses Redis: refused (a firewall's reject, a route gone) or black-holed (every byte dropped). */
  const partitions = [
    {
      how: 'refused',
      cut: (n: number) => stack.redisGates[n].cut(),
      heal: (n: number) => stack.redisGates[n].open(),
    },
    {
      how: 'black-holed',
      cut: async (n: number) => stack.redisGates[n].hang(),
      heal: async (n: number) => stack.redisGates[n].release(),
    },
  ];

  it.each(partitions)(
    "$how: the cut-off node's panels move to the other node and show their calls; nothing lost or doubled",
    async ({ how, cut: partition, heal }) => {
      await Promise.all(agents.map((a) => a.callThrough()));
      // Cut off the node with the most panels: theirs are the screens that would go blind.
      const { node, panels: onCutNode } = await stack.mostPanels();
      const cut = stack.nodes.indexOf(node);
      const survivor = stack.other(node);
      expect(onCutNode).toBeGreaterThan(0);

      await partition(cut);
      const cutAt = Date.now();
      await until(
        `Redis down on ${stack.nameOf(node)}'s /health`,
        async () => (await stack.upstream(node, 'redis')) === 'down',
        10_000,
      );
      expect(await stack.upstream(survivor, 'redis')).toBe('up');

      // Customers call while it lasts: every agent's panel must show its call in talk, wherever it was.
      const talking = await Promise.all(agents.map((a) => a.answer()));
      const shownMs = Date.now() - cutAt;
      const moved = agents.flatMap((a) => a.reconnects).filter((r) => r.droppedAt >= cutAt);
      expect(moved.length).toBeGreaterThanOrEqual(onCutNode);
      expect(await stack.metric(node, 'puente_connected_panels')).toBe(0);

      await heal(cut);
      await until(
        `Redis up on ${stack.nameOf(node)}'s /health`,
        async () => (await stack.upstream(node, 'redis')) === 'up',
        10_000,
      );
      await Promise.all(agents.map((a, i) => a.finish(talking[i])));
      await Promise.all(agents.map((a) => a.callThrough()));

      const { outcome, perfect, figures } = await clusterOutcome(stack, agents);
      console.log(
        `${how}: node ${stack.nameOf(node)} cut off Redis with ${onCutNode} panels; every panel showed its call ${shownMs} ms after the cut; ` +
          `reconnects ${moved.map((r) => `${r.resumedAt - r.droppedAt} ms (${r.mode}, ${r.attempts} attempts)`).join(', ')}; ${figures}`,
      );
      expect(outcome).toEqual(perfect);
    },
  );
});
