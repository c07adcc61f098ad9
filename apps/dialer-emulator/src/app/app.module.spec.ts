import { ServiceHealthSchema } from '@puente/contracts';
import { startTestDialer, type TestDialer } from '../testing/test-dialer';

describe('dialer-emulator', () => {
  let dialer: TestDialer;

  beforeAll(async () => {
    dialer = await startTestDialer();
  });
  afterAll(() => dialer.close());

  it('answers GET /health over HTTP with its name and uptime', async () => {
    const res = await fetch(`${dialer.url}/health`);
    expect(res.status).toBe(200);
    const body = ServiceHealthSchema.parse(await res.json());
    expect(body).toMatchObject({ status: 'ok', service: 'dialer-emulator' });
  });

  it('works with the typed NeoApi client health check', async () => {
    await expect(dialer.client.health()).resolves.toBeUndefined();
  });
});
