import { audioMatrix } from '../engine/audio';
import {
  type AgentHandle,
  eventTypes,
  refusal,
  startTestDialer,
  type TestDialer,
} from '../../testing/test-dialer';

const STEADY = { answerProbability: 1, ringSecondsMin: 2, ringSecondsMax: 2, customersHangUp: false };

/** Mute and Unmute (issue 16 §3): the agent's microphone, as the audio matrix and Position show it. */
describe('Mute over HTTP', () => {
  let dialer: TestDialer;
  let agent: AgentHandle;
  let callId: string;

  beforeEach(async () => {
    dialer = await startTestDialer({ rates: STEADY });
    agent = await dialer.login('agent01', '1001');
    callId = (await agent.call('Dial', { number: '+541155551234', contactId: '100000' })).call.callId;
  });
  afterEach(() => dialer.close());

  const hears = () => {
    const call = dialer.engine.world.calls.get(callId);
    if (!call) throw new Error(`call ${callId} is gone`);
    return audioMatrix(dialer.engine.world, call).hears;
  };

  it('issue 16 §3: the customer no longer hears a muted agent, the agent still hears the customer', async () => {
    // Not before the customer answers: there is no one to be muted for yet.
    expect(await refusal(agent.call('Mute', { callId }))).toBe('INVALID_STATE');
    await dialer.advance(3);
    expect(hears()['customer']).toEqual(['agent:agent01']);

    await agent.call('Mute', { callId });
    expect(hears()['customer']).toEqual([]);
    expect(hears()['agent:agent01']).toEqual(['customer']);
    expect((await agent.call('Position', {})).call?.muted).toBe(true);
    expect(await refusal(agent.call('Mute', { callId }))).toBe('INVALID_STATE');
    // Hold and mute are independent: unhold keeps the microphone muted.
    await agent.call('Hold', { callId });
    await agent.call('Unhold', { callId });
    expect(hears()['customer']).toEqual([]);

    await agent.call('Unmute', { callId });
    expect(hears()['customer']).toEqual(['agent:agent01']);
    expect((await agent.call('Position', {})).call?.muted).toBe(false);
    expect(await refusal(agent.call('Unmute', { callId }))).toBe('INVALID_STATE');
    expect(
      eventTypes(dialer, agent.agentId).filter((t) => t.startsWith('CallMu') || t === 'CallUnmuted'),
    ).toEqual(['CallMuted', 'CallUnmuted']);
  });

  it('issue 16 §3: a monitoring supervisor still hears a muted agent; the customer hears the barge only', async () => {
    await dialer.advance(3);
    const supervisor = await dialer.login('super01', '1021');
    await supervisor.call('Monitor_Start', { agentId: agent.agentId, mode: 'barge' });
    await agent.call('Mute', { callId });
    expect(hears()['supervisor:super01']).toEqual(['agent:agent01', 'customer']);
    expect(hears()['customer']).toEqual(['supervisor:super01']);
  });
});
