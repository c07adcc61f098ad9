import { freePort } from '../../testing/emulator-process';
import { GatewayHarness } from '../../testing/gateway-harness';

/** What a production gateway keeps to itself (issue 14 §10). */
const PRODUCTION = {
  GATEWAY_MODE: 'production',
  GATEWAY_TOKEN_SECRETS: `k1:${'p'.repeat(40)}`,
  SALESFORCE_CLIENT_ID: 'org-consumer-key',
  SALESFORCE_CLIENT_SECRET: 'org-consumer-secret',
  IVR_ALLOWED_IPS: '127.0.0.1',
};

describe('/metrics and /api/docs by mode', () => {
  const gateways: GatewayHarness[] = [];
  const start = async (env: Record<string, string>) => {
    const gw = await new GatewayHarness({ dialerUrl: 'http://127.0.0.1:9', env }).start();
    gateways.push(gw);
    return gw;
  };
  afterAll(async () => {
    for (const gw of gateways) await gw.stop();
  });

  it('development (no setting): both are served on the main port', async () => {
    const gw = await start({});
    const metrics = await fetch(`${gw.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('puente_logged_in_agents');
    expect((await fetch(`${gw.url}/api/docs-json`)).status).toBe(200);
    expect((await fetch(`${gw.url}/api/docs`)).status).toBe(200);
  });

  it('production: neither is served on the main port', async () => {
    const gw = await start(PRODUCTION);
    for (const path of ['/metrics', '/api/docs', '/api/docs-json']) {
      const res = await gw.request('GET', path);
      expect({ path, status: res.status, code: res.body?.code }).toEqual({
        path,
        status: 404,
        code: 'NOT_FOUND',
      });
    }
  });

  it('production with METRICS_PORT: metrics on their own listener only', async () => {
    const port = await freePort();
    const gw = await start({ ...PRODUCTION, METRICS_PORT: String(port) });
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(await metrics.text()).toContain('puente_logged_in_agents');
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/agent/state`)).status).toBe(404);
    expect((await fetch(`${gw.url}/metrics`)).status).toBe(404);
  });
});
