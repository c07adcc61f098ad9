import { describeWithRedis, startRedis } from '@puente/server-kit/testing';
import { clusterOutcome } from '../testing/cluster-outcome';
import { oneStreamEach } from '../testing/cluster-stack';
import { clusterSuite } from '../testing/cluster-suite';
import type { GatewayProcess } from '../testing/gateway-process';
import { until } from '../testing/ledger';

/**
 * Issue 18 §2, "exactly one dialer subscription per logged-in agent across
 * the cluster, held by a Redis lease with a fencing token", against the
 * failure a kill does not show: a node that stops without dying. The node
 * running the most agents' dialer subscriptions is frozen (SIGSTOP, as a
 * long GC pause, a stalled VM or a swapped host freezes it) past its
 * heartbeat; the other node takes its agents over, and the agents put their
 * calls on hold through it while the frozen node still holds its dialer
 * streams open. Then the frozen node wakes (SIGCONT) with its old claims,
 * its timers overdue and the dialer's events of the freeze waiting in its
 * sockets: it must give the agents up, not take them back, and nothing it
 * read meanwhile may reach a panel twice. At the end each agent has exactly
 * one dialer stream open, at the dialer (the system of record) and by the
 * nodes' own count; every event arrived once by seq, every Task landed once.
 * Frozen longer than the panels' socket heartbeat, its panels reconnect
 * through the balancer (whose next connection may reach the frozen node: a
 * handshake there fails after SOCKET_CONNECT_TIMEOUT_MS, as the real panel's
 * does) and resume by replay.
 */
jest.setTimeout(240_000);

/** Past the node heartbeat's 2 s expiry (docs/operations.md), with a takeover's 3 s on top. */
const FROZEN_MS = 6000;
/** Past the panels' socket heartbeat too (SOCKET_HEARTBEAT: a ping every 5 s, 5 s to answer). */
const FROZEN_LONG_MS = 14_000;

describeWithRedis('failure (cluster): a gateway node is frozen past its heartbeat (issue 18 §2, §3)', () => {
  const { stack, agents } = clusterSuite({ beforeAll, afterAll }, { startRedis });

  /** Open event streams per agent at the dialer, as its operator view counts them. */
  const users = () => agents.map((a) => a.user);
  const dialerStreams = () => stack.dialerStreams(users());

  /** The other node follows every agent at the dialer (it took the frozen node's over). */
  const followingEveryAgent = (survivor: GatewayProcess) =>
    until(
      'the other node following every agent',
      async () => (await stack.subscriptions(survivor)) === agents.length,
      FROZEN_MS,
      50,
    );

  /**
   * Every agent puts its call on hold through the survivor itself: the balancer would still hand the
   * frozen node connections (its kernel accepts them).
   */
  const holdThrough = async (survivor: GatewayProcess, talking: string[]) => {
    const held = await Promise.all(
      agents.map(
        async (a, i) =>
          (await survivor.request('POST', `/api/v1/calls/${talking[i]}/hold`, { token: a.token })).status,
      ),
    );
    expect(held).toEqual(agents.map(() => 200));
  };

  /** Woken, the node follows nobody, and the dialer has closed its old streams: one per agent is left. */
  const expectGivenUp = async (woken: GatewayProcess) => {
    await until(
      'the woken node following nobody',
      async () => (await stack.subscriptions(woken)) === 0,
      10_000,
    );
    expect(await stack.settledDialerStreams(users())).toEqual(oneStreamEach(users()));
  };

  /** Each agent takes its call off hold through the balancer (either node), talks, and finishes it. */
  const offHoldAndFinished = (talking: string[]) =>
    Promise.all(
      agents.map(async (a, i) => {
        await a.ok(`/api/v1/calls/${talking[i]}/unhold`);
        await a.waitForState((s) => s.call?.status === 'talking', 10_000);
        await a.finish(talking[i]);
      }),
    );

  it('woken, the frozen node gives its agents up: one dialer stream per agent, nothing lost or doubled', async () => {
    await Promise.all(agents.map((a) => a.callThrough()));
    const talking = await Promise.all(agents.map((a) => a.answer()));
    expect(await dialerStreams()).toEqual(oneStreamEach(users()));

    const frozen = await stack.busiest();
    const survivor = stack.other(frozen);
    const ran = await stack.subscriptions(frozen);
    expect(ran).toBeGreaterThan(0);

    frozen.pause();
    const frozenAt = Date.now();
    try {
      await followingEveryAgent(survivor);
      const takenOverMs = Date.now() - frozenAt;
      await holdThrough(survivor, talking);
      await until(
        'the calls on hold at the dialer',
        async () => {
          const calls = (await stack.dialer.state()).calls as { callId: string; state: string }[];
          return talking.every((id) => calls.find((c) => c.callId === id)?.state === 'on_hold');
        },
        10_000,
        50,
      );
      // The frozen node's streams are still open at the dialer beside the survivor's: two for each of its agents.
      let duringFreeze = await dialerStreams();
      await until(
        "the survivor's streams open beside the frozen node's",
        async () =>
          Object.values((duringFreeze = await dialerStreams())).filter((n) => n === 2).length === ran,
        5000,
        50,
      ).catch(() => undefined);
      expect(Object.values(duringFreeze).filter((n) => n === 2)).toHaveLength(ran);
      console.log(
        `node ${stack.nameOf(frozen)} frozen with ${ran} agents; taken over in ${takenOverMs} ms; ` +
          `dialer streams meanwhile ${JSON.stringify(duringFreeze)}`,
      );
      await new Promise((r) => setTimeout(r, Math.max(0, FROZEN_MS - (Date.now() - frozenAt))));
    } finally {
      frozen.resume();
    }

    // Woken: it stops following the agents it lost, and the dialer closes their old streams.
    await expectGivenUp(frozen);
    expect(await stack.subscriptions(survivor)).toBe(agents.length);

    // Every panel shows its call on hold; the calls go on through the balancer (either node).
    await Promise.all(
      agents.map((a, i) =>
        a.waitForState((s) => s.call?.callId === talking[i] && s.call.status === 'on_hold', 30_000),
      ),
    );
    await offHoldAndFinished(talking);
    await Promise.all(agents.map((a) => a.callThrough()));

    const { outcome, perfect, figures } = await clusterOutcome(stack, agents);
    console.log(`after the freeze: ${figures}`);
    expect(outcome).toEqual(perfect);
  });
  it('frozen past the panels’ heartbeat: its panels reconnect and resume by replay on either node', async () => {
    const talking = await Promise.all(
      agents.map(async (a) => {
        await a.callThrough();
        return a.answer();
      }),
    );
    // The node with the most panels: their sockets are the ones the freeze cuts off.
    const { node: frozen, panels: cutOff } = await stack.mostPanels();
    const survivor = stack.other(frozen);
    expect(cutOff).toBeGreaterThan(0);

    frozen.pause();
    const frozenAt = Date.now();
    try {
      await followingEveryAgent(survivor);
      await holdThrough(survivor, talking);
      await new Promise((r) => setTimeout(r, Math.max(0, FROZEN_LONG_MS - (Date.now() - frozenAt))));
    } finally {
      frozen.resume();
    }

    await Promise.all(
      agents.map((a, i) =>
        a.waitForState((s) => s.call?.callId === talking[i] && s.call.status === 'on_hold', 30_000),
      ),
    );
    const reconnects = agents.flatMap((a) => a.reconnects).filter((r) => r.droppedAt >= frozenAt);
    expect(reconnects.length).toBeGreaterThanOrEqual(cutOff);
    await expectGivenUp(frozen);

    await offHoldAndFinished(talking);
    await Promise.all(agents.map((a) => a.callThrough()));

    const { outcome, perfect, figures } = await clusterOutcome(stack, agents);
    console.log(
      `node ${stack.nameOf(frozen)} frozen ${FROZEN_LONG_MS} ms with ${cutOff} of the panels; ` +
        `reconnects ${reconnects.map((r) => `${r.resumedAt - r.droppedAt} ms (${r.mode}, ${r.attempts} attempts)`).join(', ')}; ${figures}`,
    );
    expect(outcome).toEqual(perfect);
  });
});
