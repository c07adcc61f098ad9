import { describeWithRedis, startRedis } from '@puente/server-kit/testing';
import { clusterOutcome } from '../testing/cluster-outcome';
import { clusterSuite } from '../testing/cluster-suite';
import type { GatewayProcess } from '../testing/gateway-process';
import { perfect, tally, until } from '../testing/ledger';

/**
 * Issue 18 §3, "a node killed while the outbox holds Tasks for a Salesforce
 * outage": Salesforce fails every API call (the emulator's fault switch,
 * errorRate 1) while four agents finish calls, so their Tasks wait in the
 * CRM outbox; the node holding the most of them is SIGKILLed and stays down.
 * Once Salesforce answers again every Task lands exactly once (counted in
 * the org by CallObject), delivered by the survivor; and when the killed node
 * comes back on its state folder, nothing is written a second time.
 */
jest.setTimeout(240_000);

/** Short Salesforce pauses, as in salesforce.failure.spec.ts: a recovered org is used again within seconds. */
const SALESFORCE = {
  SALESFORCE_TIMEOUT_MS: '1500',
  SALESFORCE_PROBE_INTERVAL_MS: '1000',
  SALESFORCE_BREAKER_RESET_MS: '500',
  SALESFORCE_BREAKER_MAX_MS: '2000',
};
/** How long waiting Tasks may take to land once Salesforce is back (generous: another node may have to claim them). */
const DRAINED_WITHIN_MS = 30_000;
const CALLS_DURING_OUTAGE = 2;

describeWithRedis('failure (cluster): a node is killed while Tasks wait for Salesforce (issue 18 §3)', () => {
  const { stack, agents } = clusterSuite(
    { beforeAll, afterAll },
    { startRedis, gatewayEnv: SALESFORCE, beforeStop: (cluster) => cluster.salesforce.clearFaults() },
  );
  const pending = (node: GatewayProcess) => stack.metric(node, 'puente_crm_outbox', 'state="pending"');

  it('lands every waiting Task exactly once after Salesforce returns, from the node left', async () => {
    // Warm: Salesforce sessions open, one Task per agent landed.
    await Promise.all(agents.map((a) => a.callThrough()));
    await until(
      'the warm-up Tasks',
      async () => (await stack.tasksByCallObject(callObjects())).length >= 4,
      30_000,
    );

    await stack.salesforce.faults({ errorRate: 1 });
    const during = (
      await Promise.all(
        agents.map(async (a) => {
          const calls = [];
          for (let i = 0; i < CALLS_DURING_OUTAGE; i++) calls.push(await a.callThrough());
          return calls;
        }),
      )
    ).flat();
    const waiting = during.map((c) => stack.callObjectOf(c.callId));
    // Every Task in an outbox (a node's, or the cluster's: then both nodes count the same items). The org
    // cannot be asked meanwhile: the fault switch fails the test's queries too.
    await until(
      'every Task of the outage waiting in the outbox',
      async () => (await pending(stack.nodes[0])) + (await pending(stack.nodes[1])) >= waiting.length,
      15_000,
      100,
    );

    const [onA, onB] = [await pending(stack.nodes[0]), await pending(stack.nodes[1])];
    const victim = onA === onB ? await stack.busiest() : stack.nodes[onA > onB ? 0 : 1];
    const survivor = stack.other(victim);
    await victim.kill();
    await stack.salesforce.clearFaults();

    const tasks = await until(
      'every waiting Task in the org',
      async () => {
        const found = await stack.tasksByCallObject(waiting);
        return found.length >= waiting.length && found.every(([, t]) => t['CallDisposition']) && found;
      },
      DRAINED_WITHIN_MS,
      250,
    ).catch(async () => stack.tasksByCallObject(waiting));
    expect(
      tally(
        waiting,
        tasks.map(([callObject]) => callObject),
      ),
    ).toEqual(perfect(waiting.length));
    await until(
      'the outbox empty on the node left',
      async () => (await pending(survivor)) === 0,
      15_000,
      100,
    );

    // The killed node returns on its state folder: whatever it still held must not reach Salesforce again.
    await stack.restart(victim, 'kill');
    await until(
      'the outbox empty on both nodes',
      async () => (await pending(victim)) === 0 && (await pending(survivor)) === 0,
      30_000,
      250,
    );
    const { outcome, perfect: whole, figures } = await clusterOutcome(stack, agents);
    console.log(
      `node ${stack.nameOf(victim)} killed holding ${Math.max(onA, onB)} of ${waiting.length} waiting Tasks ` +
        `(A ${onA}, B ${onB}); ${figures}`,
    );
    expect(outcome).toEqual(whole);
  });

  function callObjects(): string[] {
    return agents.flatMap((a) => a.finished.map((c) => stack.callObjectOf(c.callId)));
  }
});
