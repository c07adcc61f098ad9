import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness } from '../../testing/gateway-harness';

const S1 = 'first-signing-secret-0123456789abcdef';
const S2 = 'second-signing-secret-0123456789abcdef';
const state = (gw: GatewayHarness, token: string) => gw.request('GET', '/api/v1/agent/state', { token });
const kidOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as { kid?: string }).kid;

/** Signing keys rotate without logging anybody out (issue 14 §11), across gateway restarts. */
describe('access-token key rotation over HTTP', () => {
  let dialer: FakeNeoApiServer;
  let running: GatewayHarness | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-rotation-'));

  /** A gateway on `dir` with these keys; the previous one must have been stopped. */
  const start = async (env: Record<string, string>, dir = dataDir) =>
    (running = await new GatewayHarness({ dialerUrl: dialer.url, dataDir: dir, env }).start());
  const stop = async () => {
    await running?.stop();
    running = undefined;
  };

  beforeAll(async () => {
    dialer = await startFakeDialer();
  });
  afterEach(stop);
  afterAll(() => dialer.stop());

  it('accepts a token of the old key while it is listed, refuses it once removed', async () => {
    const first = await start({ GATEWAY_TOKEN_SECRETS: `k1:${S1}` });
    const session = await first.login('agent1');
    expect(kidOf(session.accessToken)).toBe('k1');
    await stop();

    const both = await start({ GATEWAY_TOKEN_SECRETS: `k2:${S2},k1:${S1}` });
    expect((await state(both, session.accessToken)).status).toBe(200);
    const refreshed = await both.request('POST', '/api/v1/sessions/refresh', {
      body: { refreshToken: session.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    expect(kidOf(refreshed.body.accessToken)).toBe('k2');
    await stop();

    const second = await start({ GATEWAY_TOKEN_SECRETS: `k2:${S2}` });
    const old = await state(second, session.accessToken);
    expect(old.status).toBe(401);
    expect(old.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await state(second, refreshed.body.accessToken)).status).toBe(200);
  });

  it('GATEWAY_TOKEN_SECRET is the key "default"; a generated key has a kid too and survives a restart', async () => {
    const single = await start(
      { GATEWAY_TOKEN_SECRET: S1 },
      mkdtempSync(join(tmpdir(), 'gateway-rotation-')),
    );
    expect(kidOf((await single.login('agent1')).accessToken)).toBe('default');
    await stop();

    const generatedDir = mkdtempSync(join(tmpdir(), 'gateway-rotation-'));
    const generated = await start({}, generatedDir);
    const session = await generated.login('agent2', 'secret', '2002');
    expect(kidOf(session.accessToken)).toMatch(/^local-[\w-]{8,}$/);
    await stop();
    const restarted = await start({}, generatedDir);
    expect((await state(restarted, session.accessToken)).status).toBe(200);
  });
});
