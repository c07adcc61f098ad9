import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ServiceHealthSchema } from '@puente/contracts';
import { AppModule } from './app.module';

describe('salesforce-emulator', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(() => app.close());

  it('answers GET /health over HTTP with its name and uptime', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    const body = ServiceHealthSchema.parse(await res.json());
    expect(body).toMatchObject({ status: 'ok', service: 'salesforce-emulator' });
  });
});

describe('salesforce-emulator API versions', () => {
  it('lists API versions at /services/data without a session, as a real org does', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    const res = await fetch(`${await app.getUrl()}/services/data`);
    const body = (await res.json()) as { version: string; url: string }[];
    expect(res.status).toBe(200);
    expect(body.map((v) => v.url)).toContain('/services/data/v62.0');
    await app.close();
  });
});
