import type { NeoEvent } from '@puente/neoapi';
import { refusal, startTestDialer, type TestDialer } from '../../testing/test-dialer';
import { snapshot } from '../engine/snapshot';

async function collect(dialer: TestDialer, token: string, after: number, count: number): Promise<NeoEvent[]> {
  const abort = new AbortController();
  const events: NeoEvent[] = [];
  try {
    for await (const event of dialer.client.events(token, after, abort.signal)) {
      events.push(event);
      // Abort before leaving the loop: cancelling a live body otherwise waits for the server.
      if (events.length >= count) {
        abort.abort();
        break;
      }
    }
  } finally {
    abort.abort();
  }
  return events;
}

describe('push stream and idempotency over HTTP', () => {
  let dialer: TestDialer;

  beforeEach(async () => {
    dialer = await startTestDialer({ rates: { answerProbability: 1, ringSecondsMin: 2, ringSecondsMax: 2 } });
  });
  afterEach(() => dialer.close());

  it('streams events with a per-agent sequence, live and resumed from a given seq', async () => {
    const agent = await dialer.login('agent01', '1001');
    const live = collect(dialer, agent.token, 0, 4);
    await new Promise((r) => setTimeout(r, 50));
    await agent.call('Pause', { breakStateId: '2' });
    await agent.call('Unpause', {});
    const events = await live;
    expect(events.map((e) => e.type)).toEqual(['LoggedIn', 'AgentState', 'AgentState', 'AgentState']);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(events[2]).toMatchObject({ data: { state: 'paused', breakState: { id: '2' } } });
    const resumed = await collect(dialer, agent.token, 2, 2);
    expect(resumed.map((e) => e.seq)).toEqual([3, 4]);
  });

  it('sends a Resync with the position when the sequence is not held', async () => {
    const agent = await dialer.login('agent01', '1001');
    const [first] = await collect(dialer, agent.token, 9999, 1);
    expect(first.type).toBe('Resync');
    if (first.type !== 'Resync') throw new Error('unreachable');
    expect(first.data.position.agent.user).toBe('agent01');
    expect(first.seq).toBe(first.data.position.seq);
  });

  it('counts each agent’s open streams in the operator view; a logout closes them', async () => {
    const agent = await dialer.login('agent01', '1001');
    const streams = () => snapshot(dialer.engine).agents.find((a) => a.user === 'agent01')?.eventStreams ?? 0;
    const first = new AbortController();
    const second = new AbortController();
    const read = (abort: AbortController) =>
      (async () => {
        const types: string[] = [];
        for await (const event of dialer.client.events(agent.token, 0, abort.signal)) types.push(event.type);
        return types;
      })().catch(() => [] as string[]);
    const agentId = dialer.engine.service.agentByToken(agent.token)?.user.id ?? '';
    const reading = read(first);
    const alsoReading = read(second);
    for (let i = 0; i < 100 && streams() < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(streams()).toBe(2);
    second.abort();
    await alsoReading;
    for (let i = 0; i < 100 && streams() > 1; i++) await new Promise((r) => setTimeout(r, 10));
    expect(streams()).toBe(1);

    await agent.call('Logout', {});
    // Logged out, the agent leaves the operator view; the stream ends by itself (the dialer closes it), after the session's last events.
    expect(await reading).toContain('LoggedOut');
    expect(dialer.engine.world.events.streamCount(agentId)).toBe(0);
    first.abort();
  });

  it('refuses the stream without a session', async () => {
    expect(await refusal(collect(dialer, 'nope', 0, 1))).toBe('NOT_LOGGED_IN');
  });

  it('a repeated Idempotency-Key returns the first answer and dials once; another body is a conflict', async () => {
    const agent = await dialer.login('agent01', '1001');
    const options = { token: agent.token, idempotencyKey: 'dial-1' };
    const first = await dialer.client.call('Dial', { number: '+541155551234' }, options);
    const again = await dialer.client.call('Dial', { number: '+541155551234' }, options);
    expect(again.call.callId).toBe(first.call.callId);
    expect([...dialer.engine.world.calls.values()].length).toBe(1);
    expect(await refusal(dialer.client.call('Dial', { number: '+541155559999' }, options))).toBe('CONFLICT');
    // Concurrent retries of one key: one action, one answer.
    await dialer.advance(3);
    const [x, y] = await Promise.all([
      dialer.client.call('Hold', { callId: first.call.callId }, { token: agent.token, idempotencyKey: 'h' }),
      dialer.client.call('Hold', { callId: first.call.callId }, { token: agent.token, idempotencyKey: 'h' }),
    ]);
    expect(x).toEqual(y);
  });
});
