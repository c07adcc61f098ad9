import { NeoApiError } from '@puente/neoapi';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness } from '../../testing/gateway-harness';

/**
 * Issue 14 §12: a login refusal is told in the gateway's own words, whatever
 * the dialer said: it never names another user, never tells an unknown user
 * from a wrong password, and never passes on the dialer's internals.
 */
describe('login refusals in the gateway’s words', () => {
  let dialer: FakeNeoApiServer;
  let gw: GatewayHarness;
  let refusal: NeoApiError;

  beforeAll(async () => {
    dialer = await startFakeDialer();
    dialer.on('Login', () => {
      throw refusal;
    });
    gw = await new GatewayHarness({ dialerUrl: dialer.url }).start();
  });
  afterAll(async () => {
    await gw.stop();
    await dialer.stop();
  });

  const login = async (dialerSays: NeoApiError, device = '1002') => {
    refusal = dialerSays;
    const res = await gw.request('POST', '/api/v1/sessions', {
      body: { device, user: 'agent01', password: 'whatever' },
      key: false,
    });
    const { requestId: _id, ...body } = res.body as Record<string, unknown>;
    return { status: res.status, body };
  };

  it('a device in use is CONFLICT DEVICE_IN_USE and does not name who holds it', async () => {
    const res = await login(new NeoApiError('CONFLICT', 'device 1002 is in use by agent02'));
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      code: 'CONFLICT',
      message: 'Device 1002 is in use.',
      details: { reason: 'DEVICE_IN_USE', device: '1002' },
    });
    expect(JSON.stringify(res.body)).not.toContain('agent02');
  });

  it('an unknown user and a wrong password get the very same answer', async () => {
    const unknown = await login(new NeoApiError('BAD_CREDENTIALS', 'no user agent01'));
    const wrong = await login(new NeoApiError('BAD_CREDENTIALS', 'wrong password for agent01'));
    expect(unknown).toEqual({
      status: 401,
      body: { code: 'BAD_CREDENTIALS', message: 'Wrong user or password.' },
    });
    expect(wrong).toEqual(unknown);
  });

  it('an unknown device says so in the gateway’s words', async () => {
    const res = await login(new NeoApiError('NOT_FOUND', 'extension 7777 not in table devices'), '7777');
    expect(res).toEqual({
      status: 404,
      body: {
        code: 'NOT_FOUND',
        message: 'There is no device 7777.',
        details: { reason: 'UNKNOWN_DEVICE', device: '7777' },
      },
    });
  });

  it('a dialer failure is DIALER_ERROR without the dialer’s internals', async () => {
    const res = await login(
      new NeoApiError('INTERNAL', 'duplicate key value violates unique constraint "sessions_pkey"'),
    );
    expect(res.status).toBe(502);
    expect(res.body['code']).toBe('DIALER_ERROR');
    expect(JSON.stringify(res.body)).not.toMatch(/constraint|sessions_pkey/);
  });
});
