import { eventTypes, refusal, startTestDialer, type TestDialer } from '../../testing/test-dialer';

/** Customers who answer after 2 s and stay on the line until someone hangs up. */
const STEADY = { answerProbability: 1, ringSecondsMin: 2, ringSecondsMax: 2, customersHangUp: false };

describe('NeoApi call methods over HTTP', () => {
  let dialer: TestDialer;

  beforeEach(async () => {
    dialer = await startTestDialer({ rates: STEADY });
  });
  afterEach(() => dialer.close());

  it('dials a contact manually, holds, sends DTMF, hangs up, categorises and plays', async () => {
    const agent = await dialer.login('agent01', '1001');
    const { call } = await agent.call('Dial', { number: '011 15 5555-1234', contactId: '100000' });
    expect(call).toMatchObject({
      direction: 'outbound',
      state: 'dialing',
      number: '+5491155551234',
      dialerMode: 'manual',
    });
    await dialer.advance(3);
    let position = await agent.call('Position', {});
    expect(position.agent.state).toBe('talking');
    expect(position.call?.state).toBe('talking');
    expect(position.contact).toMatchObject({
      contactId: '100000',
      callId: call.callId,
      callReason: 'Manual',
    });
    await agent.call('Hold', { callId: call.callId });
    expect((await agent.call('Position', {})).call?.state).toBe('on_hold');
    expect(await refusal(agent.call('Send_DTMF', { callId: call.callId, digits: '1' }))).toBe(
      'INVALID_STATE',
    );
    await agent.call('Unhold', { callId: call.callId });
    expect(await refusal(agent.call('Unhold', { callId: call.callId }))).toBe('INVALID_STATE');
    expect(await agent.call('Send_DTMF', { callId: call.callId, digits: '12#' })).toEqual({ sent: 3 });
    await agent.call('Send_DTMF', { callId: call.callId, digits: '*9' });
    expect(dialer.engine.world.calls.get(call.callId)?.dtmf).toBe('12#*9');
    expect(await refusal(agent.call('Send_DTMF', { callId: call.callId, digits: 'x' }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(await refusal(agent.call('Dial', { number: '+541155550000' }))).toBe('INVALID_STATE');
    const { categories } = await agent.call('Get_Categories', { crmId: '1' });
    const sale = categories.find((c) => !c.schedules);
    expect(sale).toBeDefined();
    expect(
      await refusal(agent.call('UpdateContact', { contactId: '100000', categoryId: sale?.id ?? '' })),
    ).toBe('INVALID_STATE');
    await agent.call('Hangup', { callId: call.callId });
    position = await agent.call('Position', {});
    expect(position.agent.state).toBe('wrap_up');
    expect(position.call).toBeNull();
    expect(position.contact?.callId).toBe('0');
    expect(await refusal(agent.call('UpdateContact', { contactId: '100000', categoryId: '999' }))).toBe(
      'NOT_FOUND',
    );
    expect(await agent.call('UpdateContact', { contactId: '100000', categoryId: sale?.id ?? '' })).toEqual({
      released: true,
    });
    await agent.call('CRM_Available', {});
    expect((await agent.call('Position', {})).contact).toBeNull();
    expect(eventTypes(dialer, agent.agentId)).toEqual(
      expect.arrayContaining([
        'CallOffered',
        'CallAnswered',
        'CallHeld',
        'CallResumed',
        'DtmfSent',
        'CallEnded',
        'ContactReleased',
      ]),
    );
  });

  it('refuses bad numbers, unknown calls and unknown contacts', async () => {
    const agent = await dialer.login('agent01', '1001');
    expect(await refusal(agent.call('Dial', { number: 'not a number' }))).toBe('INVALID_NUMBER');
    expect(await refusal(agent.call('Dial', { number: '12' }))).toBe('INVALID_NUMBER');
    expect(await refusal(agent.call('Dial', { number: '+541155551234', contactId: '5' }))).toBe('NOT_FOUND');
    expect(await refusal(agent.call('Hangup', { callId: '424242' }))).toBe('NOT_FOUND');
    expect(await refusal(agent.call('Hold', { callId: '424242' }))).toBe('NOT_FOUND');
    expect(await refusal(agent.call('ExecuteTask02', {}))).toBe('INVALID_STATE');
  });

  it('runs the ExecuteTask methods', async () => {
    const agent = await dialer.login('agent01', '1001');
    const sms = await agent.call('ExecuteTask01', { params: { number: '+541155551234', text: 'Hola' } });
    expect(sms.result).toMatchObject({ status: 'sent', channel: 'sms', number: '+541155551234' });
    expect(await refusal(agent.call('ExecuteTask01', { params: { number: 'abc', text: 'x' } }))).toBe(
      'INVALID_NUMBER',
    );
    expect(await refusal(agent.call('ExecuteTask01', { params: { number: '+541155551234' } }))).toBe(
      'VALIDATION_FAILED',
    );
    const { call } = await agent.call('Dial', { number: '+541155551234' });
    await dialer.advance(3);
    expect((await agent.call('ExecuteTask02', { callId: call.callId })).result).toMatchObject({
      recording: 'paused',
    });
    expect(await refusal(agent.call('ExecuteTask02', { callId: call.callId }))).toBe('INVALID_STATE');
    expect((await agent.call('ExecuteTask03', { callId: call.callId })).result).toMatchObject({
      recording: 'recording',
    });
    expect(await refusal(agent.call('ExecuteTask05', { params: { reason: 'ayuda' } }))).toBe('UNAVAILABLE');
    await dialer.login('super01', '1021');
    expect((await agent.call('ExecuteTask05', { params: { reason: 'ayuda' } })).result.notified).toBe('1');
  });

  it('predictive: the dialer connects an answered customer to the free agent with the contact', async () => {
    const agent = await dialer.login('agent01', '1001');
    await agent.call('Login_Campaign', { campaignId: '1' });
    await dialer.advance(5);
    const position = await agent.call('Position', {});
    expect(position.agent.state).toBe('talking');
    expect(position.call).toMatchObject({ dialerMode: 'predictive', campaignId: '1', state: 'talking' });
    expect(position.contact).toMatchObject({
      callCampaing: '1',
      callDialer: 'predictive',
      userOutCampaign: '1',
    });
    expect(position.call?.answeredAt).not.toBeNull();
  });

  it('progressive: the contact reaches the agent before the customer answers (B7)', async () => {
    const agent = await dialer.login('agent01', '1001');
    await agent.call('Login_Campaign', { campaignId: '2' });
    await dialer.advance(1);
    const before = await agent.call('Position', {});
    expect(before.agent.state).toBe('reserved');
    expect(before.call?.answeredAt).toBeNull();
    expect(before.contact?.callDialer).toBe('progressive');
    await dialer.advance(3);
    expect((await agent.call('Position', {})).agent.state).toBe('talking');
  });

  it('preview: the contact is handed over first; CRM_ShowingContact holds it; Dial calls it', async () => {
    const agent = await dialer.login('agent01', '1001');
    await agent.call('Login_Campaign', { campaignId: '3' });
    await dialer.advance(1);
    const preview = await agent.call('Position', {});
    expect(preview.agent.state).toBe('reserved');
    expect(preview.call).toBeNull();
    const contactId = preview.contact?.contactId ?? '';
    await agent.call('CRM_ShowingContact', { contactId });
    await dialer.advance(120);
    expect((await agent.call('Position', {})).call).toBeNull();
    const { call } = await agent.call('Dial', { number: preview.contact?.phoneNumber ?? '', contactId });
    expect(call.dialerMode).toBe('preview');
  });

  it('a callback is dialled at its time to the agent who scheduled it (B8)', async () => {
    const agent = await dialer.login('agent01', '1001');
    await agent.call('Login_Campaign', { campaignId: '2' });
    await dialer.advance(4);
    const first = await agent.call('Position', {});
    const contactId = first.contact?.contactId ?? '';
    await dialer.engine.setCampaign('2', { active: false });
    await agent.call('Hangup', { callId: first.call?.callId ?? '' });
    const at = new Date(dialer.engine.world.clock.now() + 60_000).toISOString();
    expect(await refusal(agent.call('Schedule_Callback', { contactId, at: '2020-01-01T00:00:00Z' }))).toBe(
      'VALIDATION_FAILED',
    );
    const scheduled = await agent.call('Schedule_Callback', { contactId, at });
    expect(scheduled.at).toBe(at);
    // A callback needs no Play (A4).
    expect((await agent.call('Position', {})).agent.state).toBe('available');
    await dialer.advance(90);
    const again = await agent.call('Position', {});
    expect(again.contact).toMatchObject({ contactId, callReason: 'Agenda' });
  });

  it('Ready after a manual call made from a break makes the agent available (issue 16 §2.7)', async () => {
    const agent = await dialer.login('agent01', '1001');
    await agent.call('Login_Campaign', { campaignId: '1' });
    await agent.call('Pause', { breakStateId: '1' });
    const first = await agent.call('Dial', { number: '+541155551234', contactId: '100001' });
    await dialer.advance(3);
    await agent.call('Hangup', { callId: first.call.callId });
    await agent.call('CRM_Available', {});
    expect((await agent.call('Position', {})).agent).toMatchObject({ state: 'available', breakState: null });
  });

  it('Release_Contact and the pending break after a call', async () => {
    const agent = await dialer.login('agent01', '1001');
    const { call } = await agent.call('Dial', { number: '+541155551234', contactId: '100001' });
    await dialer.advance(3);
    expect(await agent.call('Pause', { breakStateId: '1' })).toEqual({ pending: true });
    await agent.call('Hangup', { callId: call.callId });
    await agent.call('Release_Contact', { contactId: '100001' });
    await agent.call('CRM_Available', {});
    expect((await agent.call('Position', {})).agent).toMatchObject({
      state: 'paused',
      breakState: { id: '1' },
    });
  });
});
