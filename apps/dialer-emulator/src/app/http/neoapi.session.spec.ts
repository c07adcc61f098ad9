import { refusal, startTestDialer, type TestDialer } from '../../testing/test-dialer';

describe('NeoApi session methods over HTTP', () => {
  let dialer: TestDialer;

  beforeEach(async () => {
    dialer = await startTestDialer({ rates: { answerProbability: 0 } });
  });
  afterEach(() => dialer.close());

  it('logs in with device, user and password and reports the position', async () => {
    const res = await dialer.client.call('Login', { device: '1001', user: 'agent01', password: 'puente' });
    expect(res.agent).toMatchObject({ user: 'agent01', device: '1001', state: 'idle', roles: ['agent'] });
    expect(res.replacedDevice).toBeNull();
    const position = await dialer.client.call('Position', {}, { token: res.token });
    expect(position.agent.state).toBe('idle');
    expect(position.call).toBeNull();
    expect(position.seq).toBeGreaterThan(0);
  });

  it('refuses a wrong password, an unknown user, an unknown device and a device in use', async () => {
    const c = dialer.client;
    expect(await refusal(c.call('Login', { device: '1001', user: 'agent01', password: 'nope' }))).toBe(
      'BAD_CREDENTIALS',
    );
    expect(await refusal(c.call('Login', { device: '1001', user: 'ghost', password: 'puente' }))).toBe(
      'BAD_CREDENTIALS',
    );
    expect(await refusal(c.call('Login', { device: '7777', user: 'agent01', password: 'puente' }))).toBe(
      'NOT_FOUND',
    );
    await dialer.login('agent01', '1001');
    expect(await refusal(c.call('Login', { device: '1001', user: 'agent02', password: 'puente' }))).toBe(
      'CONFLICT',
    );
  });

  it('a device in use does not name the user who holds it (issue 14 §12)', async () => {
    await dialer.login('agent01', '1001');
    const refused = await dialer.client
      .call('Login', { device: '1001', user: 'agent02', password: 'puente' })
      .then(
        () => null,
        (error: { code: string; message: string }) => ({ code: error.code, message: error.message }),
      );
    expect(refused).toMatchObject({ code: 'CONFLICT', message: 'device 1001 is in use' });
    expect(refused?.message).not.toContain('agent01');
  });

  it('answers NOT_LOGGED_IN without a token and after Logout', async () => {
    expect(await refusal(dialer.client.call('Position', {}))).toBe('NOT_LOGGED_IN');
    const agent = await dialer.login('agent01', '1001');
    await agent.call('Logout', {});
    expect(await refusal(agent.call('Position', {}))).toBe('NOT_LOGGED_IN');
  });

  it('a second login replaces the first session', async () => {
    const first = await dialer.login('agent01', '1001');
    const second = await dialer.client.call('Login', { device: '1002', user: 'agent01', password: 'puente' });
    expect(second.replacedDevice).toBe('1001');
    expect(await refusal(first.call('Position', {}))).toBe('NOT_LOGGED_IN');
  });

  it('joins and leaves campaigns, refusing unknown ones and double leaves', async () => {
    const agent = await dialer.login('agent01', '1001');
    const { campaigns } = await agent.call('Get_Campaigns', {});
    expect(campaigns.map((c) => c.dialerMode).sort()).toEqual(['predictive', 'preview', 'progressive']);
    expect(await refusal(agent.call('Login_Campaign', { campaignId: '999' }))).toBe('NOT_FOUND');
    const joined = await agent.call('Login_Campaign', { campaignId: '1' });
    expect(joined.campaign.dialerMode).toBe('predictive');
    expect((await agent.call('Position', {})).agent).toMatchObject({ state: 'available', campaignId: '1' });
    await agent.call('Logout_Campaign', { campaignId: '1' });
    expect(await refusal(agent.call('Logout_Campaign', { campaignId: '1' }))).toBe('INVALID_STATE');
  });

  it('pauses with a break state and unpauses; refuses an unknown break and Unpause when not paused', async () => {
    const agent = await dialer.login('agent01', '1001');
    const { breakStates } = await agent.call('Get_BreakStates', {});
    expect(breakStates.find((b) => b.name === '1 - Descanso')).toMatchObject({ system: true });
    expect(await refusal(agent.call('Pause', { breakStateId: '999' }))).toBe('NOT_FOUND');
    expect(await refusal(agent.call('Unpause', {}))).toBe('INVALID_STATE');
    expect(await agent.call('Pause', { breakStateId: '1' })).toEqual({ pending: false });
    const paused = await agent.call('Position', {});
    expect(paused.agent).toMatchObject({ state: 'paused', breakState: { id: '1', name: '1 - Descanso' } });
    expect(await refusal(agent.call('CRM_Available', {}))).toBe('INVALID_STATE');
    await agent.call('Unpause', {});
    expect((await agent.call('Position', {})).agent.state).toBe('available');
  });

  it('CRM_Unavailable and CRM_Available move the agent between idle and available', async () => {
    const agent = await dialer.login('agent01', '1001');
    await agent.call('Login_Campaign', { campaignId: '1' });
    await agent.call('CRM_Unavailable', {});
    expect((await agent.call('Position', {})).agent.state).toBe('idle');
    await agent.call('CRM_Available', {});
    expect((await agent.call('Position', {})).agent.state).toBe('available');
    expect(await refusal(agent.call('CRM_ShowingContact', { contactId: '1' }))).toBe('NOT_FOUND');
  });

  it('serves the look-ups and their refusals', async () => {
    const agent = await dialer.login('agent01', '1001');
    expect((await agent.call('Get_TransferNumbers', { campaignId: '1' })).numbers.length).toBeGreaterThan(0);
    expect(await refusal(agent.call('Get_TransferNumbers', { campaignId: '42' }))).toBe('NOT_FOUND');
    const { users } = await agent.call('Get_Users', { role: 'supervisor' });
    expect(users.map((u) => u.user)).toEqual(expect.arrayContaining(['super01', 'super02']));
    expect((await agent.call('Get_Queues', {})).queues[0]).toMatchObject({
      searchField: 'Clave_1',
      keyExpression: 'CLAVESF',
    });
    const { categories } = await agent.call('Get_Categories', { crmId: '1' });
    expect(categories.some((c) => c.schedules)).toBe(true);
    expect(await refusal(agent.call('Get_Categories', { crmId: '999' }))).toBe('NOT_FOUND');
    const { contact } = await agent.call('Get_ContactByKey', { crmId: '1', key: 'SF000001' });
    expect(contact).toMatchObject({ crmId: '1', crmKey: 'SF000001' });
    expect(await refusal(agent.call('Get_ContactByKey', { crmId: '1', key: 'nope' }))).toBe('NOT_FOUND');
    expect(await refusal(agent.call('Get_Agents', {}))).toBe('FORBIDDEN');
    const supervisor = await dialer.login('super01', '1021');
    const { agents } = await supervisor.call('Get_Agents', {});
    expect(agents.find((a) => a.agent.user === 'agent01')?.agent.state).toBe('idle');
    const figures = await supervisor.call('Get_Figures', {});
    expect(figures.campaigns.find((c) => c.campaignId === '1')?.dialLevel).not.toBeNull();
  });

  it('answers the wire format for unknown methods, bad bodies and bad JSON', async () => {
    const post = (path: string, body: string) =>
      fetch(`${dialer.url}/neoapi/v1/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const unknown = await post('Teleport', '{}');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const invalid = await post('Login', '{"user":"agent01"}');
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const broken = await post('Login', '{not json');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});
