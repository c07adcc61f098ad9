import type { AgentEvent } from '@puente/contracts';
import { FailureAgent } from '../testing/failure-agent';
import { FailureStack } from '../testing/failure-stack';
import { perfect, seqReport, tally, until } from '../testing/ledger';

/**
 * docs/reliability.md, the dialer scenarios (issue 15 §4): the dialer
 * refuses connections (its TCP gate cut), hangs (its process frozen with
 * SIGSTOP: requests are received and not answered) and stalls on the way (its
 * TCP gate hung: requests leave and wait in the network) while an agent works.
 * What the gateway answered must be true: DIALER_UNAVAILABLE means the
 * command did not happen; DIALER_OUTCOME_UNKNOWN means it may have, and the
 * agent's state shows what the dialer really did once it answers again; the
 * same action retried with its Idempotency-Key acts at most once. The agent
 * keeps its session, the panel's stream has no gap and no repeat by seq,
 * and every call's Task lands once in the org.
 */
jest.setTimeout(240_000);

const SETTINGS = {
  DIALER_TIMEOUT_MS: 1000,
  DIALER_BREAKER_FAILURES: 3,
  DIALER_BREAKER_RESET_MS: 500,
  DIALER_POLL_INTERVAL_MS: 250,
  HEALTH_PROBE_INTERVAL_MS: 250,
  HEALTH_PROBE_TIMEOUT_MS: 500,
} as const;

interface Answer {
  status: number;
  code: string | undefined;
}

describe('failure: the dialer refuses, hangs and stalls while an agent works', () => {
  const stack = new FailureStack({
    gatewayEnv: Object.fromEntries(Object.entries(SETTINGS).map(([k, v]) => [k, String(v)])),
  });
  let agent: FailureAgent;
  let breakStateId = '';

  beforeAll(async () => {
    await stack.start();
    await stack.scriptCustomers();
    agent = await new FailureAgent(stack).start();
    const breaks = await stack.gateway.request('GET', '/api/v1/break-states', { token: agent.token });
    breakStateId = (breaks.body.items as { id: string }[])[0].id;
  });

  afterAll(() => stack.stop());

  const post = async (path: string, key: string, body?: unknown): Promise<Answer> => {
    const res = await stack.gateway.request('POST', path, { token: agent.token, key, body });
    return { status: res.status, code: res.body?.code };
  };
  const dialerCall = async (callId: string): Promise<{ state: string }> =>
    ((await stack.dialer.state()).calls as { callId: string; state: string }[]).find(
      (c) => c.callId === callId,
    ) ?? { state: 'gone' };
  /** The gateway reaches the dialer again (its circuit closed). */
  const dialerBack = () =>
    until(
      'the gateway to reach the dialer again',
      async () =>
        (await stack.gateway.request('GET', '/api/v1/break-states', { token: agent.token })).status === 200,
      30_000,
      100,
    );
  const heldEvents = (callId: string) =>
    agent.received.filter(
      (e: AgentEvent) => e.type === 'call.held' && (e.payload as { callId?: string }).callId === callId,
    ).length;
  const breakEvents = () =>
    agent.received.filter(
      (e: AgentEvent) =>
        e.type === 'agent.state_changed' && (e.payload as { activity: string }).activity === 'paused',
    ).length;

  it('refused: commands fail fast with DIALER_UNAVAILABLE, and what failed did not happen', async () => {
    const callId = await agent.answer();
    await stack.dialerGate.cut();
    const started = Date.now();
    let hold: Answer;
    let pause: Answer;
    try {
      hold = await post(`/api/v1/calls/${callId}/hold`, 'refused-hold-1');
      pause = await post('/api/v1/agent/pause', 'refused-pause-1', { breakStateId });
    } finally {
      await stack.dialerGate.open();
    }
    console.log(`dialer refused: Hold and Pause answered in ${Date.now() - started} ms together`);
    expect([hold, pause]).toEqual([
      { status: 503, code: 'DIALER_UNAVAILABLE' },
      { status: 503, code: 'DIALER_UNAVAILABLE' },
    ]);
    await dialerBack();
    // Did not happen: the call is still up and no break waits for its end.
    expect((await dialerCall(callId)).state).toBe('talking');
    expect(await stack.dialer.agent('agent01')).toMatchObject({ breakState: null, pendingBreak: null });
    // The same click again, same key: now it acts, once.
    expect(await post(`/api/v1/calls/${callId}/hold`, 'refused-hold-1')).toEqual({
      status: 200,
      code: undefined,
    });
    await agent.panel.waitForState((s) => s.call?.status === 'on_hold');
    expect(heldEvents(callId)).toBe(1);
    await agent.ok(`/api/v1/calls/${callId}/unhold`);
    await agent.panel.waitForState((s) => s.call?.status === 'talking');
    await agent.finish(callId);
  });

  it('hung: a command the dialer received answers DIALER_OUTCOME_UNKNOWN, the state shows what happened, a retry acts once', async () => {
    const callId = await agent.answer();
    stack.dialer.pause();
    let hold: Answer;
    try {
      hold = await post(`/api/v1/calls/${callId}/hold`, 'hung-hold-1');
    } finally {
      stack.dialer.resume();
    }
    console.log(`dialer hung: Hold answered ${hold.status} ${hold.code}`);
    await dialerBack();
    // The dialer had received the Hold: it acts on it once it runs again.
    const held = await until(
      'the dialer to put the call on hold',
      async () => (await dialerCall(callId)).state === 'on_hold',
    ).then(
      () => true,
      () => false,
    );
    // On main this was {503 DIALER_UNAVAILABLE, held: true}: "try again" for a Hold that happened.
    expect({ ...hold, held }).toEqual({ status: 504, code: 'DIALER_OUTCOME_UNKNOWN', held: true });
    // The agent's state says so, with no new command.
    await agent.panel.waitForState((s) => s.call?.status === 'on_hold', 10_000);
    // The agent clicks Hold again (same key): answered, and the dialer held the call once.
    expect(await post(`/api/v1/calls/${callId}/hold`, 'hung-hold-1')).toEqual({
      status: 200,
      code: undefined,
    });
    expect((await dialerCall(callId)).state).toBe('on_hold');
    await agent.ok(`/api/v1/calls/${callId}/unhold`);
    await agent.panel.waitForState((s) => s.call?.status === 'talking');
    expect(heldEvents(callId)).toBe(1);
    await agent.finish(callId);

    // A break asked for while the dialer hangs: whatever it answered is what happened.
    stack.dialer.pause();
    let pause: Answer;
    try {
      pause = await post('/api/v1/agent/pause', 'hung-pause-1', { breakStateId });
    } finally {
      stack.dialer.resume();
    }
    console.log(`dialer hung: Pause answered ${pause.status} ${pause.code}`);
    expect([503, 504]).toContain(pause.status);
    await dialerBack();
    if (pause.status === 503) {
      expect(await stack.dialer.agent('agent01')).toMatchObject({ state: 'available', breakState: null });
    } else {
      await until(
        'the dialer to start the break',
        async () => (await stack.dialer.agent('agent01')).state === 'paused',
      );
      await agent.panel.waitForState((s) => s.activity === 'paused', 10_000);
    }
    const retried = await post('/api/v1/agent/pause', 'hung-pause-1', { breakStateId });
    expect(retried.status).toBe(200);
    await agent.panel.waitForState((s) => s.activity === 'paused');
    expect(breakEvents()).toBe(1);
    await agent.ok('/api/v1/agent/unpause');
    await agent.ok('/api/v1/agent/ready');
    await agent.panel.waitForState((s) => s.activity === 'available');

    // One more call after both outages, on the same session.
    await agent.callThrough();
  });

  it('held on the way: the Hold answers DIALER_OUTCOME_UNKNOWN, the panel shows what the dialer did, the retry acts at most once', async () => {
    const callId = await agent.answer();
    // The route to the dialer stops every byte: the Hold leaves the gateway and waits on the way.
    stack.dialerGate.hang();
    let hold: Answer;
    try {
      hold = await post(`/api/v1/calls/${callId}/hold`, 'held-hold-1');
    } finally {
      // What was held back is delivered, or not, depending on whether the gateway's aborted
      // connection closes first: truly unknown, which is what the gateway must say.
      stack.dialerGate.release();
    }
    console.log(`dialer held on the way: Hold answered ${hold.status} ${hold.code}`);
    expect(hold).toEqual({ status: 504, code: 'DIALER_OUTCOME_UNKNOWN' });
    await dialerBack();
    const inDialer = (await dialerCall(callId)).state;
    console.log(`dialer held on the way: the call is ${inDialer} in the dialer`);
    await agent.panel.waitForState((s) => s.call?.status === inDialer, 10_000);
    // The same click again: the call ends up on hold, held once.
    expect(await post(`/api/v1/calls/${callId}/hold`, 'held-hold-1')).toEqual({
      status: 200,
      code: undefined,
    });
    await agent.panel.waitForState((s) => s.call?.status === 'on_hold');
    expect((await dialerCall(callId)).state).toBe('on_hold');
    await agent.ok(`/api/v1/calls/${callId}/unhold`);
    await agent.panel.waitForState((s) => s.call?.status === 'talking');
    expect(heldEvents(callId)).toBe(1);
    await agent.finish(callId);
  });

  it('across the outages: one session, no gap or repeat by seq, every Task once', async () => {
    const stream = seqReport(agent.received);
    expect({ gaps: stream.gaps, repeats: stream.repeats }).toEqual({ gaps: [], repeats: [] });
    const callObjects = agent.finished.map((c) => stack.callObjectOf(c.callId));
    const tasks = await until(
      'every Task in the org',
      async () => {
        const found = await stack.tasksByCallObject(callObjects);
        return found.length >= callObjects.length && found.every(([, t]) => t['CallDisposition']) && found;
      },
      30_000,
      250,
    );
    console.log(
      `dialer outages: ${agent.finished.length} calls, ${tasks.length} Tasks, panel events ${stream.first}..${stream.last}`,
    );
    expect(
      tally(
        callObjects,
        tasks.map(([callObject]) => callObject),
      ),
    ).toEqual(perfect(4));
  });
});
