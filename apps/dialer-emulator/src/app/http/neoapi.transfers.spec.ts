import { audioMatrix } from '../engine/audio';
import { type AgentHandle, refusal, startTestDialer, type TestDialer } from '../../testing/test-dialer';

const STEADY = { answerProbability: 1, ringSecondsMin: 2, ringSecondsMax: 2, customersHangUp: false };

describe('transfers, conferences and monitoring over HTTP', () => {
  let dialer: TestDialer;
  let a1: AgentHandle;
  let a2: AgentHandle;
  let callId: string;

  beforeEach(async () => {
    dialer = await startTestDialer({ rates: STEADY });
    a1 = await dialer.login('agent01', '1001');
    a2 = await dialer.login('agent02', '1002');
    await a2.call('CRM_Available', {});
    callId = (await a1.call('Dial', { number: '+541155551234', contactId: '100000' })).call.callId;
    await dialer.advance(3);
  });
  afterEach(() => dialer.close());

  const matrix = () => {
    const call = dialer.engine.world.calls.get(callId);
    if (!call) throw new Error(`call ${callId} is gone`);
    return audioMatrix(dialer.engine.world, call);
  };

  it('direct transfer to a user: the customer rings at the other agent, the first wraps up', async () => {
    expect(
      await refusal(a1.call('Transfer', { callId, mode: 'direct', target: { kind: 'user', id: 'ghost' } })),
    ).toBe('NOT_FOUND');
    expect(
      await refusal(a1.call('Transfer', { callId, mode: 'direct', target: { kind: 'number', id: 'abc' } })),
    ).toBe('INVALID_NUMBER');
    expect(
      await refusal(a1.call('Transfer', { callId, mode: 'direct', target: { kind: 'queue', id: '77' } })),
    ).toBe('NOT_FOUND');
    expect(
      await refusal(a1.call('Transfer', { callId, mode: 'direct', target: { kind: 'campaign', id: '77' } })),
    ).toBe('NOT_FOUND');
    await a1.call('Transfer', { callId, mode: 'direct', target: { kind: 'user', id: a2.agentId } });
    expect((await a1.call('Position', {})).agent.state).toBe('wrap_up');
    await dialer.advance(2);
    const other = await a2.call('Position', {});
    expect(other.call).toMatchObject({ callId, state: 'talking' });
    expect(other.contact?.contactId).toBe('100000');
  });

  it('attended transfer: consult, end of attended back to the customer, then complete', async () => {
    await a1.call('Transfer', { callId, mode: 'attended', target: { kind: 'user', id: 'agent02' } });
    expect((await a1.call('Position', {})).call).toMatchObject({
      state: 'transferring',
      transfer: { mode: 'attended' },
    });
    await dialer.advance(2);
    expect((await a2.call('Position', {})).call).toMatchObject({ direction: 'internal', state: 'talking' });
    let audio = matrix();
    expect(audio.hears['customer']).toEqual([]);
    expect(audio.hears['agent:agent01']).toEqual(['agent:agent02']);
    await a1.call('Transfer_End', { callId });
    expect((await a1.call('Position', {})).call?.state).toBe('talking');
    expect((await a2.call('Position', {})).call).toBeNull();
    expect(await refusal(a1.call('Transfer_End', { callId }))).toBe('INVALID_STATE');
    await dialer.advance(1);
    await a2.call('CRM_Available', {});
    await a1.call('Transfer', { callId, mode: 'attended', target: { kind: 'user', id: 'agent02' } });
    await dialer.advance(2);
    await a1.call('Transfer_Complete', { callId });
    expect((await a1.call('Position', {})).agent.state).toBe('wrap_up');
    expect((await a2.call('Position', {})).call).toMatchObject({ callId, state: 'talking' });
    audio = matrix();
    expect(audio.hears['customer']).toEqual(['agent:agent02']);
  });

  it('attended transfer to an outside number; Hangup during it ends the whole call', async () => {
    const res = await a1.call('Transfer', {
      callId,
      mode: 'attended',
      target: { kind: 'number', id: '+541143210000' },
    });
    expect(res.call.transfer?.target).toEqual({ kind: 'number', id: '+541143210000' });
    await a1.call('Hangup', { callId });
    expect(dialer.engine.world.calls.has(callId)).toBe(false);
  });

  it('conference: invite a number and a user one at a time, then KickAll', async () => {
    expect(
      await refusal(
        a1.call('InviteParticipant', { callId, target: { kind: 'number', id: '+541143210000' } }),
      ),
    ).toBe('INVALID_STATE');
    expect((await a1.call('JoinConference', { callId })).call.state).toBe('in_conference');
    await a1.call('InviteParticipant', { callId, target: { kind: 'number', id: '+541143210000' } });
    await a1.call('InviteParticipant', { callId, target: { kind: 'user', id: a2.agentId } });
    expect(await refusal(a1.call('InviteParticipant', { callId, target: { kind: 'queue', id: '1' } }))).toBe(
      'VALIDATION_FAILED',
    );
    const position = await a1.call('Position', {});
    expect(position.call?.participants.map((p) => p.kind)).toEqual(['number', 'user']);
    const audio = matrix();
    expect(audio.hears['customer']).toEqual(['agent:agent01', 'agent:agent02', 'participant:+541143210000']);
    expect((await a2.call('Position', {})).call?.state).toBe('in_conference');
    await a1.call('KickAll', { callId });
    expect((await a1.call('Position', {})).call).toMatchObject({ state: 'talking', participants: [] });
    expect((await a2.call('Position', {})).call).toBeNull();
    expect(await refusal(a1.call('KickAll', { callId }))).toBe('INVALID_STATE');
  });

  it('monitoring: listen, assist, barge and end, with who hears whom (E2)', async () => {
    expect(await refusal(a2.call('Monitor_Start', { agentId: a1.agentId, mode: 'listen' }))).toBe(
      'FORBIDDEN',
    );
    const sup = await dialer.login('super01', '1021');
    expect(await refusal(sup.call('Monitor_Start', { agentId: '999', mode: 'listen' }))).toBe('NOT_FOUND');
    expect(await refusal(sup.call('Monitor_Mode', { mode: 'barge' }))).toBe('INVALID_STATE');
    await sup.call('Monitor_Start', { agentId: a1.agentId, mode: 'listen' });
    expect((await sup.call('Position', {})).monitoring).toEqual({
      targetAgentId: a1.agentId,
      mode: 'listen',
    });
    expect((await a1.call('Position', {})).monitoredBy).toMatchObject({ mode: 'listen' });
    const hears = () => matrix().hears;
    expect(hears()).toEqual({
      customer: ['agent:agent01'],
      'agent:agent01': ['customer'],
      'supervisor:super01': ['agent:agent01', 'customer'],
    });
    await sup.call('Monitor_Mode', { mode: 'assist' });
    expect(hears()['agent:agent01']).toEqual(['customer', 'supervisor:super01']);
    expect(hears()['customer']).toEqual(['agent:agent01']);
    await sup.call('Monitor_Mode', { mode: 'barge' });
    expect(hears()['customer']).toEqual(['agent:agent01', 'supervisor:super01']);
    // Switching modes kept the same monitoring: no end in between.
    expect(
      dialer.engine.world.events.since(sup.agentId, 0).events.filter((e) => e.type === 'MonitorEnded'),
    ).toEqual([]);
    await sup.call('Monitor_End', {});
    expect(hears()['customer']).toEqual(['agent:agent01']);
    expect((await a1.call('Position', {})).monitoredBy).toBeNull();
    expect(await refusal(sup.call('Monitor_End', {}))).toBe('INVALID_STATE');
  });

  it('ending monitoring puts the supervisor back in the state they were in before (issue 16 §2.2)', async () => {
    const sup = await dialer.login('super01', '1021');
    const before = (await sup.call('Position', {})).agent;
    await sup.call('Monitor_Start', { agentId: a1.agentId, mode: 'listen' });
    expect((await sup.call('Position', {})).agent.state).toBe('monitoring');
    await sup.call('Monitor_End', {});
    const after = (await sup.call('Position', {})).agent;
    expect({ state: after.state, breakState: after.breakState }).toEqual({
      state: before.state,
      breakState: before.breakState,
    });
    expect(after.state).not.toBe('available');

    // On a break before: the same break after, not available for the next queue call.
    await sup.call('Pause', { breakStateId: '1' });
    const onBreak = (await sup.call('Position', {})).agent;
    await sup.call('Monitor_Start', { agentId: a1.agentId, mode: 'barge' });
    await sup.call('Monitor_End', {});
    const back = (await sup.call('Position', {})).agent;
    expect({ state: back.state, breakState: back.breakState }).toEqual({
      state: 'paused',
      breakState: onBreak.breakState,
    });
  });
});
