import type { AgentEvent } from '@puente/contracts';
import { FailureAgent } from '../testing/failure-agent';
import { FailureStack } from '../testing/failure-stack';
import { GatewayClient, type PanelClient } from '../testing/gateway-client';
import { perfect, seqReport, tally } from '../testing/ledger';
import { TcpGate } from '../testing/tcp-gate';

/**
 * docs/reliability.md, "a panel's socket cut while events flow" (issue 15):
 * a panel reaches the gateway through a TCP gate, which is cut while the
 * agent keeps working (calls answered, held, ended, categorised: the events
 * go on being published), and opened again; the panel reconnects and
 * resumes from the last seq it applied. Counted by seq against a second
 * panel of the same agent that was never cut (the witness): the cut panel
 * has every event the witness has, none lost, none twice, and the gap was
 * replayed rather than papered over with a snapshot.
 */
jest.setTimeout(180_000);

describe('failure: a panel socket is cut while events flow', () => {
  const stack = new FailureStack();
  let agent: FailureAgent;
  let gate: TcpGate;
  let cutPanel: PanelClient;
  /** Every event the cut panel received, live or replayed, in order, across reconnects. */
  const received: AgentEvent[] = [];
  const replayed: number[] = [];

  /** The panel behind the gate (re)connects from what it last applied, as the real panel does. */
  const connectThroughGate = async () => {
    const before = cutPanel?.state;
    cutPanel = await new GatewayClient(gate.url).panel(agent.token, 0);
    cutPanel.socket.on('event', (e: AgentEvent) => received.push(e));
    if (before) cutPanel.state = before;
    const result = await cutPanel.resume(before?.seq ?? 0);
    if (result.mode === 'replay') {
      received.push(...result.events);
      if (before) replayed.push(result.events.length);
    }
    return result;
  };

  beforeAll(async () => {
    await stack.start();
    await stack.scriptCustomers();
    agent = await new FailureAgent(stack).start();
    const { hostname, port } = new URL(stack.gateway.url);
    gate = await new TcpGate({ host: hostname, port: Number(port) }).open();
    await connectThroughGate();
  });

  afterAll(async () => {
    cutPanel?.socket.close();
    await gate?.cut();
    if (stack.gateway) await stack.stop();
  });

  it('issue 15 (socket cut): the panel resumes by seq with exactly the events it missed, none twice', async () => {
    for (let round = 0; round < 3; round++) {
      // Mid-call: the cut falls among the call's own events.
      const callId = await agent.answer();
      await gate.cut();
      await agent.ok(`/api/v1/calls/${callId}/hold`);
      await agent.panel.waitForState((s) => s.call?.status === 'on_hold');
      await agent.ok(`/api/v1/calls/${callId}/unhold`);
      await agent.finish(callId);
      const missedFrom = cutPanel.state.seq;
      await gate.open();
      const resumed = await connectThroughGate();
      expect(resumed.mode).toBe('replay');
      expect(cutPanel.state.seq).toBeGreaterThan(missedFrom);
    }
    // The last events of the witness have reached the cut panel too (it is live again).
    const last = agent.panel.state.seq;
    await cutPanel.waitFor((e) => e.seq === last).catch(() => undefined);

    const stream = seqReport(received);
    expect({ gaps: stream.gaps, repeats: stream.repeats }).toEqual({ gaps: [], repeats: [] });
    const witness = agent.received.filter((e) => e.seq >= stream.first).map((e) => String(e.seq));
    expect(
      tally(
        witness,
        received.map((e) => String(e.seq)),
      ),
    ).toEqual(perfect(witness.length));
    // The same events, not only the same numbers.
    const bySeq = new Map(agent.received.map((e) => [e.seq, e.type]));
    expect(received.filter((e) => bySeq.get(e.seq) !== e.type)).toEqual([]);
    console.log(
      `socket cut: ${received.length} events on the cut panel (seq ${stream.first}-${stream.last}), ` +
        `${replayed.join(' + ')} replayed after ${replayed.length} cuts; gaps ${stream.gaps.length}, repeats ${stream.repeats.length}`,
    );
    expect(replayed.every((n) => n > 0)).toBe(true);
  });
});
