import type { AgentEvent } from '@puente/contracts';
import { FailureStack } from '../testing/failure-stack';
import type { PanelClient } from '../testing/gateway-client';
import { perfect, seqReport, tally, until } from '../testing/ledger';

/**
 * docs/reliability.md, "gateway killed mid-call": the gateway process is
 * SIGKILLed while an agent talks, and started again on the same state folder.
 * The agent stays logged in, the panel resumes by seq with nothing missing or
 * twice, the call stays controllable, and each call's Task lands in the org
 * once, with its disposition.
 */
jest.setTimeout(120_000);

describe('failure: the gateway is killed mid-call', () => {
  const stack = new FailureStack();
  let token = '';
  let panel: PanelClient;
  /** Every event any panel received, in order, across reconnects. */
  const received: AgentEvent[] = [];
  const calls: string[] = [];

  const ok = async (path: string, body?: unknown) => {
    const res = await stack.gateway.request('POST', path, { token, body });
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  /** A panel (re)connecting from what it last applied, as the real panel does after a reload or a cut. */
  const connect = async () => {
    const before = panel?.state;
    panel = await stack.gateway.panel(token, 0);
    panel.socket.on('event', (e: AgentEvent) => received.push(e));
    if (before) panel.state = before;
    const result = await panel.resume(before?.seq ?? 0);
    if (result.mode === 'replay') received.push(...result.events);
    return result;
  };

  /** The dialer rings a predictive line of campaign 1 and its customer answers; resolves with the call id. */
  const predictiveCall = async (): Promise<string> => {
    const line = await until('a predictive line', async () => {
      await stack.dialer.advance(2);
      const state = await stack.dialer.state();
      return (state.calls as { callId: string; state: string; campaignId: string }[]).find(
        (c) => c.campaignId === '1' && c.state === 'ringing',
      );
    });
    await stack.dialer.operator('POST', `/operator/calls/${line.callId}/answer`);
    await panel.waitForState((s) => s.call?.callId === line.callId && s.call.status === 'talking', 10_000);
    calls.push(line.callId);
    return line.callId;
  };

  /** Hangs up, categorises with the first plain category and goes ready again. */
  const finish = async (callId: string) => {
    await ok(`/api/v1/calls/${callId}/hangup`);
    const s = await panel.waitForState((st) => st.call?.status === 'ended' && st.activity === 'wrap_up');
    const categories = (
      await stack.gateway.request('GET', `/api/v1/crms/${s.contact?.crmId}/categories`, { token })
    ).body.items as { id: string; schedules: boolean; subcategories: { id: string }[] }[];
    const category = categories.find((c) => !c.schedules);
    await ok(`/api/v1/contacts/${s.contact?.contactId}/categorize`, { categoryId: category?.id });
    await panel.waitForState((st) => st.contact === null);
    await ok('/api/v1/agent/ready');
    await panel.waitForState((st) => st.activity === 'available' && st.call === null);
  };

  beforeAll(async () => {
    await stack.start();
    await stack.scriptCustomers();
    token = (await stack.gateway.login('agent01', 'puente', '1001')).accessToken;
    await connect();
    await ok('/api/v1/campaigns/1/join');
    await panel.waitForState((s) => s.activity === 'available');
  });

  afterAll(() => stack.stop());

  it('resumes the agent with no gap, keeps the call controllable, and lands every Task once', async () => {
    await finish(await predictiveCall());

    const callId = await predictiveCall();
    await stack.gateway.kill();
    await stack.gateway.start();
    const resumed = await connect();
    expect(resumed.mode).toBe('replay');
    // Still the agent's call, and the gateway can act on it.
    await ok(`/api/v1/calls/${callId}/hold`);
    await panel.waitForState((s) => s.call?.status === 'on_hold');
    expect(
      (await stack.dialer.state()).calls.find((c: { callId: string }) => c.callId === callId).state,
    ).toBe('on_hold');
    await ok(`/api/v1/calls/${callId}/unhold`);
    await finish(callId);

    await finish(await predictiveCall());

    const stream = seqReport(received);
    expect({ gaps: stream.gaps, repeats: stream.repeats }).toEqual({ gaps: [], repeats: [] });
    const callObjects = calls.map((id) => stack.callObjectOf(id));
    const tasks = await until(
      'every Task in the org',
      async () => {
        const found = await stack.tasksByCallObject(callObjects);
        return found.length >= calls.length && found.every(([, t]) => t['CallDisposition']) && found;
      },
      30_000,
      250,
    );
    expect(
      tally(
        callObjects,
        tasks.map(([callObject]) => callObject),
      ),
    ).toEqual(perfect(calls.length));
  });
});
