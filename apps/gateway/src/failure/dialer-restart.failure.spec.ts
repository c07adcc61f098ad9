import { FailureAgent } from '../testing/failure-agent';
import { FailureStack } from '../testing/failure-stack';
import { perfect, seqReport, tally, until } from '../testing/ledger';

/**
 * docs/reliability.md, "dialer restarted mid-call" (issue 15 §1, §9): the
 * dialer emulator is SIGKILLed while the agent talks and started again on the
 * same database and ports. The gateway session survives (no new login), the
 * panel's stream goes on by seq with nothing missing or twice, the cut call
 * ends in the panel and gets exactly one Task, the agent goes ready with one
 * command and takes more calls whose events reach the panel, every Task lands
 * once with its disposition, and no call id of the run before comes back.
 */
jest.setTimeout(240_000);

const AFTER_RESTART = 3;

describe('failure: the dialer restarts mid-call (issue 15 §1, §9)', () => {
  const stack = new FailureStack();
  let agent: FailureAgent;

  beforeAll(async () => {
    await stack.start();
    await stack.scriptCustomers();
    agent = await new FailureAgent(stack).start();
  });

  afterAll(() => stack.stop());

  /** Ready, retried while the gateway's circuit to the dialer is still open ("try again in a moment"). */
  const readyAgain = (who: FailureAgent) =>
    until(
      'the agent ready again',
      async () => {
        const res = await stack.gateway.request('POST', '/api/v1/agent/ready', { token: who.token });
        if (res.status >= 300 && res.body?.code !== 'DIALER_UNAVAILABLE')
          throw new Error(`ready: ${res.status} ${JSON.stringify(res.body)}`);
        return res.status < 300;
      },
      30_000,
      250,
    );

  it('keeps the session, ends the cut call with one Task, and goes on with nothing lost or doubled', async () => {
    await agent.callThrough();
    await agent.callThrough();
    const cut = await agent.answer();
    const instanceBefore = stack.dialerInstanceId;

    await stack.restartDialer('kill');

    // The restarted dialer still knows the session; the stream resyncs: the cut call ends, the agent is not ready.
    const after = await agent.panel.waitForState(
      (s) => s.call?.callId !== cut && s.activity === 'idle' && s.contact === null,
      30_000,
    );
    expect(after.session).not.toBeNull();
    // The same gateway session and token: one command and the agent is ready again, once the
    // gateway's circuit to the dialer has closed ("try again in a moment", as the panel does).
    await readyAgain(agent);
    await agent.panel.waitForState((s) => s.activity === 'available');
    for (let i = 0; i < AFTER_RESTART; i++) await agent.callThrough();

    expect((await stack.dialer.state()).dialer.instanceId).toBe(instanceBefore);
    expect(agent.received.filter((e) => e.type === 'agent.logged_out')).toEqual([]);
    const stream = seqReport(agent.received);
    expect({ gaps: stream.gaps, repeats: stream.repeats }).toEqual({ gaps: [], repeats: [] });
    const ended = agent.received.filter((e) => e.type === 'call.ended' && e.payload.callId === cut);
    expect(ended).toHaveLength(1);

    // Call ids of the run before never come back (§9); each new call reached the panel once.
    const finished = agent.finished.map((c) => c.callId);
    const allCalls = [...finished.slice(0, 2), cut, ...finished.slice(2)];
    expect(new Set(allCalls).size).toBe(allCalls.length);
    for (const callId of finished.slice(2))
      expect(
        agent.received.filter((e) => e.type === 'call.offered' && e.payload.callId === callId),
      ).toHaveLength(1);

    const callObjects = allCalls.map((id) => stack.callObjectOf(id));
    expect(callObjects[0]).toBe(`${instanceBefore}:${allCalls[0]}`);
    const tasks = await until(
      'every Task in the org',
      async () => {
        const found = await stack.tasksByCallObject(callObjects);
        const categorised = found.filter(([key]) => key !== stack.callObjectOf(cut));
        return found.length >= allCalls.length && categorised.every(([, t]) => t['CallDisposition']) && found;
      },
      30_000,
      250,
    );
    expect(
      tally(
        callObjects,
        tasks.map(([callObject]) => callObject),
      ),
    ).toEqual(perfect(allCalls.length));
    const dispositions = new Map(tasks.map(([key, t]) => [key, t['CallDisposition']]));
    for (const call of agent.finished)
      expect(dispositions.get(stack.callObjectOf(call.callId))).toBe(call.disposition);
  });

  it('after the whole stack restarts (npm start stopped and started), an agent who worked before sees an inbound call', async () => {
    await stack.gateway.stop();
    await stack.restartDialer('stop');
    await stack.gateway.start();

    const again = new FailureAgent(stack);
    again.token = (await stack.gateway.login('agent01', 'puente', '1001')).accessToken;
    await again.connect();
    await readyAgain(again);
    await again.panel.waitForState((s) => s.activity === 'available');
    const placed = await stack.dialer.operator('POST', '/operator/inbound', {
      number: '+541155557777',
      queueId: '1',
    });
    await stack.dialer.advance(1);
    // The dialer connects it, and the gateway shows it (on main it stayed "idle").
    await again.panel.waitForState((s) => s.call?.callId === placed.callId && s.call?.status === 'talking');
    const call = await again.finish(placed.callId);

    const stream = seqReport(again.received);
    expect({ gaps: stream.gaps, repeats: stream.repeats }).toEqual({ gaps: [], repeats: [] });
    const key = stack.callObjectOf(call.callId);
    const tasks = await until(
      'the Task of the inbound call',
      async () => {
        const found = await stack.tasksByCallObject([key]);
        return found.length > 0 && found.every(([, t]) => t['CallDisposition']) && found;
      },
      30_000,
      250,
    );
    expect(
      tally(
        [key],
        tasks.map(([k]) => k),
      ),
    ).toEqual(perfect(1));
  });
});
