import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servePanel } from './panel-server';

describe('servePanel', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'panel-'));
    writeFileSync(join(root, 'index.html'), '<pu-root></pu-root>');
    writeFileSync(join(root, 'main-ABC.js'), 'console.log(1)');
    writeFileSync(join(tmpdir(), 'secret.txt'), 'do not serve');
    server = await servePanel({
      root,
      host: '127.0.0.1',
      port: 0,
      gatewayUrl: 'http://127.0.0.1:13000',
      gatewayUrls: ['https://gw2.example.com', 'http://127.0.0.1:13000'],
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('serves the app with long-lived caching for hashed assets and none for index.html', async () => {
    const js = await fetch(`${base}/main-ABC.js`);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect(js.headers.get('cache-control')).toContain('immutable');
    const index = await fetch(`${base}/`);
    expect(await index.text()).toContain('pu-root');
    expect(index.headers.get('cache-control')).toBe('no-cache');
  });

  it("tells the panel where this stack's gateway is, and every gateway it may use (issue 14 §2)", async () => {
    expect(await (await fetch(`${base}/config.json`)).json()).toEqual({
      gatewayUrl: 'http://127.0.0.1:13000',
      gatewayUrls: ['http://127.0.0.1:13000', 'https://gw2.example.com'],
    });
  });

  it('falls back to the app for client routes and 404s missing assets', async () => {
    expect(await (await fetch(`${base}/supervisor/board`)).text()).toContain('pu-root');
    expect((await fetch(`${base}/missing.js`)).status).toBe(404);
  });

  it('never serves files outside its folder', async () => {
    const res = await fetch(`${base}/..%2Fsecret.txt`);
    expect(await res.text()).not.toContain('do not serve');
  });
});
