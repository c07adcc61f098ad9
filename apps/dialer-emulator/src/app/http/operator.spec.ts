import { startTestDialer, type TestDialer } from '../../testing/test-dialer';

describe('operator endpoints and the IVR', () => {
  let dialer: TestDialer;
  const json = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${dialer.url}${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeEach(async () => {
    dialer = await startTestDialer({ rates: { customersHangUp: false } });
  });
  afterEach(() => dialer.close());

  it('an inbound call runs CONTACTO_INSERT_SALESFORCE, queues with CLAVESF and reaches a queue agent', async () => {
    const agent = await dialer.login('agent01', '1001');
    await agent.call('CRM_Available', {});
    const placed = await json('POST', '/operator/inbound', { number: '+541155551234', queueId: '1' });
    expect(placed.status).toBe(201);
    expect(placed.body['clavesf']).toMatch(/^\d+-\+541155551234$/);
    await dialer.advance(2);
    const position = await agent.call('Position', {});
    expect(position.call).toMatchObject({ direction: 'inbound', queueId: '1', state: 'talking' });
    expect(position.contact).toMatchObject({
      crmKey: '+541155551234',
      callQueue: '1',
      callReason: 'Entrante',
    });
    expect(position.contact?.fields['CLAVESF']).toBe(placed.body['clavesf']);
    // The same caller again: the same contact (D1 finds it).
    const again = await json('POST', '/operator/inbound', { number: '+541155551234', queueId: '1' });
    expect(again.body['clavesf']).toBe(placed.body['clavesf']);
  });

  it('a private caller still gets an idContacto, with "idContacto-" (D1, D3)', async () => {
    const placed = await json('POST', '/operator/inbound', { number: 'anonymous', queueId: '1' });
    expect(placed.body['clavesf']).toMatch(/^\d+-$/);
    const bad = await json('POST', '/operator/inbound', { number: 'hello', queueId: '1' });
    expect(bad.status).toBe(422);
    const unknownQueue = await json('POST', '/operator/inbound', { number: '+541155551234', queueId: '9' });
    expect(unknownQueue.status).toBe(404);
  });

  it('reports state and demo, sets rates, makes a customer answer, moves the clock, adds bench users', async () => {
    const demo = await json('GET', '/demo');
    expect(demo.body['title']).toContain('Dialer');
    expect((demo.body['lines'] as string[]).join(' ')).toContain('agent01');
    expect((await json('PUT', '/operator/rates', { answerProbability: 2 })).status).toBe(400);
    const rates = await json('PUT', '/operator/rates', {
      answerProbability: 0,
      ringSecondsMin: 30,
      ringSecondsMax: 30,
      noAnswerSeconds: 60,
    });
    expect(rates.body['answerProbability']).toBe(0);
    const agent = await dialer.login('agent01', '1001');
    const { call } = await agent.call('Dial', { number: '+541155551234' });
    expect((await json('POST', `/operator/calls/${call.callId}/answer`)).status).toBe(200);
    expect((await agent.call('Position', {})).call?.state).toBe('talking');
    const state = await json('GET', '/state');
    expect((state.body['calls'] as { callId: string }[])[0].callId).toBe(call.callId);
    expect((state.body['campaigns'] as { abandonTarget: number }[])[0].abandonTarget).toBe(0.03);
    expect((await json('POST', `/operator/calls/${call.callId}/hangup`)).status).toBe(200);
    expect((await agent.call('Position', {})).agent.state).toBe('wrap_up');
    const before = dialer.engine.world.clock.now();
    await json('POST', '/operator/clock/advance', { seconds: 60 });
    expect(dialer.engine.world.clock.now() - before).toBe(60_000);
    const bench = await json('POST', '/operator/bench/users', { count: 3 });
    expect((bench.body['users'] as { user: string }[]).map((u) => u.user)).toEqual([
      'bench0001',
      'bench0002',
      'bench0003',
    ]);
    const login = await dialer.client.call('Login', {
      user: 'bench0002',
      device: '90002',
      password: 'puente',
    });
    expect(login.agent.user).toBe('bench0002');
  });
});
