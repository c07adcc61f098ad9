import { startClusterNode } from '../../testing/cluster-node';
import { Logger } from '@nestjs/common';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { describeWithRedis, startRedis, type TestRedis } from '@puente/server-kit/testing';
import { GatewayHarness } from '../../testing/gateway-harness';
import { SUPERVISION_OPTIONS } from '../supervision/supervision.options';
import {
  BoardClient,
  CAMPAIGN,
  neoCall,
  startSupervisionDialer,
  TEST_OPTIONS,
  waitUntil,
} from '../supervision/supervision.fixture';

/**
 * Issue 18 §2: the board tick and the figures run on every node and go to
 * that node's own sockets. Through the Redis adapter a room emit reaches
 * every node's sockets, so without `local` a supervisor would get the
 * deltas and figures of every node's board, each with its own versions and
 * counts. Agent a1 is followed by node A only; a supervisor on node B must
 * see only B's board and figures.
 */
describeWithRedis('board and figures on two gateway nodes (issue 18 §2)', () => {
  let redis: TestRedis;
  let dialer: FakeNeoApiServer;
  let a: GatewayHarness;
  let b: GatewayHarness;
  const boards: BoardClient[] = [];

  const startNode = () =>
    startClusterNode(redis.url, {
      dialerUrl: dialer.url,
      overrides: [{ token: SUPERVISION_OPTIONS, value: TEST_OPTIONS }],
    });

  beforeAll(async () => {
    Logger.overrideLogger(false);
    redis = await startRedis();
    dialer = await startSupervisionDialer();
    a = await startNode();
    b = await startNode();
  });
  afterAll(async () => {
    for (const board of boards) board.close();
    await a?.stop();
    await b?.stop();
    await dialer?.stop();
    await redis?.stop();
  });

  it("a supervisor on B gets B's board deltas and figures only, not A's", async () => {
    await a.login('agent1', 'secret', '2010');
    await waitUntil(() => dialer.openStreams('a1') > 0, "a1's dialer stream on A");
    const onA = await BoardClient.connect(a, (await a.login('sup1', 'secret', '3001')).accessToken);
    const onB = await BoardClient.connect(b, (await b.login('sup2', 'secret', '3002')).accessToken);
    const admin = await BoardClient.connect(b, (await b.login('admin1', 'secret', '3003')).accessToken);
    boards.push(onA, onB, admin);

    dialer.emit('a1', 'CampaignJoined', { campaign: CAMPAIGN });
    dialer.emit('a1', 'CallOffered', { call: neoCall('c1'), contact: null });
    dialer.emit('a1', 'CallAnswered', { callId: 'c1' });
    // A's own supervisor sees it, from A's board and A's counters.
    await onA.waitForRow('a1', (r) => r.activity === 'talking' && r.source === 'gateway');
    await waitUntil(
      () => onA.figures.some((f) => f.items.some((i) => i.id === '97' && i.answered === 1)),
      "A's figures counting the answered call",
    );
    // Several ticks and pushes of both nodes later:
    await new Promise((r) => setTimeout(r, 500));
    for (const client of [onB, admin]) {
      // B does not follow a1's events: a row of a1 that came from them was sent by A.
      expect(
        client.deltas.flatMap((d) => d.rows).filter((r) => r.agentId === 'a1' && r.source === 'gateway'),
      ).toEqual([]);
      expect(client.figures.flatMap((f) => f.items).filter((i) => i.answered > 0)).toEqual([]);
    }
  });
});
