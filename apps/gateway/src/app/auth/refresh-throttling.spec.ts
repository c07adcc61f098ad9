import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness } from '../../testing/gateway-harness';

/**
 * Issue 14 §5: refresh is limited per client address and per session (a
 * rotating refresh token's family), and the client address comes from the
 * socket unless TRUST_PROXY names the proxies in front of the gateway.
 */
describe('refresh throttling and the client address', () => {
  let dialer: FakeNeoApiServer;
  const gateways: GatewayHarness[] = [];

  const start = async (env: Record<string, string>) => {
    const gw = await new GatewayHarness({ dialerUrl: dialer.url, env }).start();
    gateways.push(gw);
    return gw;
  };
  const refresh = (gw: GatewayHarness, refreshToken: string, forwardedFor?: string) =>
    fetch(`${gw.url}/api/v1/sessions/refresh`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
      },
      body: JSON.stringify({ refreshToken }),
    });

  beforeAll(async () => {
    dialer = await startFakeDialer();
  });
  afterAll(async () => {
    for (const gw of gateways) await gw.stop();
    await dialer.stop();
  });

  it('limits refreshes of one session, token after rotated token', async () => {
    const gw = await start({ REFRESH_RATE_PER_SESSION: '3' });
    let token = (await gw.login('agent1')).refreshToken;
    for (let i = 0; i < 3; i++) {
      const res = await refresh(gw, token);
      expect(res.status).toBe(200);
      token = ((await res.json()) as { refreshToken: string }).refreshToken;
    }
    const fourth = await refresh(gw, token);
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await fourth.json()).toMatchObject({ code: 'RATE_LIMITED' });
    // Another agent's session is not affected.
    expect((await refresh(gw, (await gw.login('agent2', 'secret', '2002')).refreshToken)).status).toBe(200);
  });

  it('limits refreshes per address; a forged X-Forwarded-For does not make a new address', async () => {
    const gw = await start({ REFRESH_RATE_PER_ADDRESS: '4' });
    for (let i = 0; i < 4; i++) expect((await refresh(gw, `guess-${i}`, `198.51.100.${i}`)).status).toBe(401);
    const res = await refresh(gw, 'guess-5', '198.51.100.77');
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('with TRUST_PROXY, the address the trusted proxy saw counts, not what the client wrote before it', async () => {
    const gw = await start({ TRUST_PROXY: 'loopback', REFRESH_RATE_PER_ADDRESS: '2' });
    // Through the proxy at 127.0.0.1: the last hop it appended is the client.
    expect((await refresh(gw, 'a', '203.0.113.5')).status).toBe(401);
    expect((await refresh(gw, 'b', 'spoofed-1, 203.0.113.5')).status).toBe(401);
    expect((await refresh(gw, 'c', '10.9.9.9, 203.0.113.5')).status).toBe(429);
    expect((await refresh(gw, 'd', '203.0.113.6')).status).toBe(401);
  });

  it('refuses a TRUST_PROXY that would trust any hop', async () => {
    await expect(start({ TRUST_PROXY: 'true' })).rejects.toThrow(/TRUST_PROXY/);
  });
});
