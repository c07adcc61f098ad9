import { Logger } from '@nestjs/common';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness } from '../../testing/gateway-harness';

/**
 * Issue 14 §5: 50 wrong passwords in 1.5 s were all answered and the right
 * one then worked at once. Logins are now limited per user name and per
 * client address; failures lock a user out until the window ends or an
 * administrator clears it.
 */
describe('login throttling and lock-out', () => {
  let dialer: FakeNeoApiServer;
  const gateways: GatewayHarness[] = [];

  const start = async (env: Record<string, string> = {}) => {
    const gw = await new GatewayHarness({
      dialerUrl: dialer.url,
      env: { LOGIN_FAILURE_MIN_MS: '0', ...env },
    }).start();
    gateways.push(gw);
    return gw;
  };
  const attempt = (gw: GatewayHarness, user: string, password: string, device = '2001') =>
    gw.request('POST', '/api/v1/sessions', { body: { device, user, password }, key: false });
  const logins = (user: string) =>
    dialer.calls.filter((c) => c.method === 'Login' && (c.body as { user: string }).user === user).length;

  beforeAll(async () => {
    dialer = await startFakeDialer();
    const base = { email: null, breakState: null, campaignId: null, queueIds: [] as string[] };
    dialer.addUser({
      password: 'secret',
      agent: { ...base, agentId: 'ad1', user: 'admin1', displayName: 'Ada Admin', roles: ['admin'] },
    });
  });
  afterAll(async () => {
    for (const gw of gateways) await gw.stop();
    await dialer.stop();
  });
  afterEach(() => jest.restoreAllMocks());

  it('locks a user out after repeated failures: even the right password is refused, without asking the dialer', async () => {
    // The per-user rate limit is raised here, so that what refuses is the lock-out alone.
    const gw = await start({ LOGIN_LOCKOUT_FAILURES: '3', LOGIN_RATE_PER_USER: '100' });
    const before = logins('agent1');
    const answers = [];
    for (let i = 0; i < 50; i++) answers.push((await attempt(gw, 'agent1', `guess-${i}`)).status);
    expect(answers.slice(0, 3)).toEqual([401, 401, 401]);
    expect(new Set(answers.slice(3))).toEqual(new Set([429]));

    const right = await attempt(gw, 'agent1', 'secret');
    expect(right.status).toBe(429);
    expect(right.body).toMatchObject({
      code: 'RATE_LIMITED',
      details: { reason: 'LOCKED_OUT' },
      requestId: expect.any(String),
    });
    const retryAfter = Number(right.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(right.body.details.retryAfterSeconds).toBe(retryAfter);
    expect(logins('agent1') - before).toBe(3);

    // Another user from the same address is not affected; nor is the name in other letters spared.
    expect((await attempt(gw, 'agent2', 'secret', '2002')).status).toBe(201);
    expect((await attempt(gw, ' AGENT1 ', 'secret')).status).toBe(429);
  });

  it('a lock-out ends by itself after LOGIN_LOCKOUT_SECONDS, and a success forgets the failures', async () => {
    const gw = await start({ LOGIN_LOCKOUT_FAILURES: '2', LOGIN_LOCKOUT_SECONDS: '1' });
    expect((await attempt(gw, 'agent1', 'x')).status).toBe(401);
    expect((await attempt(gw, 'agent1', 'secret')).status).toBe(201);
    expect((await attempt(gw, 'agent1', 'y')).status).toBe(401);
    expect((await attempt(gw, 'agent1', 'secret')).status).toBe(201);
    expect((await attempt(gw, 'agent1', 'y')).status).toBe(401);
    expect((await attempt(gw, 'agent1', 'z')).status).toBe(401);
    expect((await attempt(gw, 'agent1', 'secret')).status).toBe(429);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await attempt(gw, 'agent1', 'secret')).status).toBe(201);
  });

  it('an administrator clears a lock-out (audited); agents and supervisors may not', async () => {
    const gw = await start({ LOGIN_LOCKOUT_FAILURES: '1' });
    const admin = await gw.login('admin1', 'secret', '3003');
    const supervisor = await gw.login('sup1', 'secret', '3001');
    const agent = await gw.login('agent2', 'secret', '2002');
    expect((await attempt(gw, 'agent1', 'nope')).status).toBe(401);
    expect((await attempt(gw, 'agent1', 'secret')).status).toBe(429);

    const path = '/api/v1/sessions/lockouts/users/agent1';
    for (const token of [agent.accessToken, supervisor.accessToken]) {
      const refused = await gw.request('DELETE', path, { token });
      expect(refused).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    }
    expect((await gw.request('DELETE', path)).status).toBe(401);
    expect((await attempt(gw, 'agent1', 'secret')).status).toBe(429);

    const audit = jest.spyOn(Logger.prototype, 'log');
    const cleared = await gw.request('DELETE', path, { token: admin.accessToken });
    expect(cleared).toMatchObject({ status: 200, body: { user: 'agent1', wasLockedOut: true } });
    expect(audit).toHaveBeenCalledWith(
      expect.objectContaining({ audit: 'lockout.cleared', by: 'admin1', user: 'agent1' }),
    );
    expect((await attempt(gw, 'agent1', 'secret')).status).toBe(201);
  });

  it('limits login requests per user name and per address, with Retry-After', async () => {
    const gw = await start({ LOGIN_RATE_PER_USER: '3', LOGIN_RATE_PER_ADDRESS: '5' });
    for (let i = 0; i < 3; i++) expect((await attempt(gw, 'agent1', 'secret')).status).toBe(201);
    const perUser = await attempt(gw, 'agent1', 'secret');
    expect(perUser).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
    expect(Number(perUser.headers.get('retry-after'))).toBeGreaterThan(0);

    // The address has used 4 of its 5; whatever the name, the sixth is refused.
    expect((await attempt(gw, 'agent2', 'secret', '2002')).status).toBe(201);
    const perAddress = await attempt(gw, 'someone-new', 'secret');
    expect(perAddress).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
    expect(Number(perAddress.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('locks out an address that fails for many user names (password spraying)', async () => {
    const gw = await start({ LOGIN_LOCKOUT_IP_FAILURES: '4' });
    for (let i = 0; i < 4; i++) expect((await attempt(gw, `user-${i}`, 'Summer2026!')).status).toBe(401);
    const next = await attempt(gw, 'agent1', 'secret');
    expect(next).toMatchObject({
      status: 429,
      body: { code: 'RATE_LIMITED', details: { reason: 'LOCKED_OUT' } },
    });
  });

  it('answers a refused password no sooner than LOGIN_FAILURE_MIN_MS, however fast the dialer refused', async () => {
    const gw = await start({ LOGIN_FAILURE_MIN_MS: '400' });
    const startedAt = performance.now();
    const wrong = await attempt(gw, 'nobody-at-all', 'x');
    expect(wrong.status).toBe(401);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(395);
  });
});
