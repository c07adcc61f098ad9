import { ServiceHealthSchema } from '@puente/contracts';
import { startTestEmulator, type TestEmulator } from './testing/emulator-app';

describe('salesforce-emulator', () => {
  let emulator: TestEmulator;

  beforeAll(async () => {
    emulator = await startTestEmulator({ SALESFORCE_EMULATOR_SEED_RECORDS: 0 });
  });

  afterAll(() => emulator.close());

  it('answers GET /health over HTTP with its name and uptime', async () => {
    const res = await fetch(`${emulator.url}/health`);
    expect(res.status).toBe(200);
    const body = ServiceHealthSchema.parse(await res.json());
    expect(body).toMatchObject({ status: 'ok', service: 'salesforce-emulator' });
  });

  it('lists API versions at /services/data without a session, as a real org does', async () => {
    const res = await fetch(`${emulator.url}/services/data`);
    const body = (await res.json()) as { version: string; url: string }[];
    expect(res.status).toBe(200);
    expect(body.map((v) => v.url)).toContain('/services/data/v62.0');
  });

  it('tells the stack banner its demo credentials at GET /demo', async () => {
    const res = await fetch(`${emulator.url}/demo`);
    const body = (await res.json()) as { title: string; lines: string[] };
    expect(body.title).toMatch(/Salesforce/);
    expect(body.lines.join('\n')).toContain('puente-demo-secret');
    expect(body.lines.join('\n')).toContain('agent1@puente.demo');
  });

  it('hides a configured secret from GET /demo', async () => {
    const other = await startTestEmulator({
      SALESFORCE_EMULATOR_SEED_RECORDS: 0,
      SALESFORCE_EMULATOR_CLIENT_SECRET: 'real-secret',
    });
    const body = (await (await fetch(`${other.url}/demo`)).json()) as { lines: string[] };
    await other.close();
    expect(body.lines.join('\n')).not.toContain('real-secret');
  });
});
