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
 * Issue 18 §2: every node mirrors every agent's stream, so every node's
 * board and figures hold every agent, and each node sends them to its own
 * sockets only. Agent a1 is followed (its dialer stream read) by node A; a
 * supervisor on node B must see a1 live all the same, from B's board, once:
 * through the Redis adapter without `local` it would also get A's deltas
 * and figures, each with their own versions and counts.
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

  it("an admin on B sees an agent followed by A live, from B's board and figures only, counted once", async () => {
    await a.login('agent1', 'secret', '2010');
    await waitUntil(() => dialer.openStreams('a1') > 0, "a1's dialer stream on A");
    const onA = await BoardClient.connect(a, (await a.login('sup1', 'secret', '3001')).accessToken);
    const onB = await BoardClient.connect(b, (await b.login('sup2', 'secret', '3002')).accessToken);
    const admin = await BoardClient.connect(b, (await b.login('admin1', 'secret', '3003')).accessToken);
    boards.push(onA, onB, admin);

    dialer.emit('a1', 'CampaignJoined', { campaign: CAMPAIGN });
    dialer.emit('a1', 'CallOffered', { call: neoCall('c1'), contact: null });
    dialer.emit('a1', 'CallAnswered', { callId: 'c1' });
    // sup1 (on A) supervises campaign 97; admin1 (on B) everything; sup2 (on B) only queue q1.
    for (const client of [onA, admin]) {
      await client.waitForRow('a1', (r) => r.activity === 'talking' && r.source === 'gateway');
      await waitUntil(
        () => client.figures.some((f) => f.items.some((i) => i.id === '97' && i.answered === 1)),
        'figures counting the answered call',
      );
    }
    // Several ticks and pushes of both nodes later:
    await new Promise((r) => setTimeout(r, 500));
    for (const client of [onA, onB, admin]) {
      // One board per client: its versions only go up (two nodes' boards would interleave theirs).
      const versions = client.deltas.map((d) => d.version);
      expect(versions).toEqual([...versions].sort((x, y) => x - y));
      expect(new Set(versions).size).toBe(versions.length);
      // The call is counted once, not once per node.
      expect(client.figures.flatMap((f) => f.items).some((i) => i.answered > 1)).toBe(false);
    }
  });
});
