import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  hostileRequests,
  rawHttp,
  requestTargets,
  stillServing,
  tryHostile,
} from '@puente/server-kit/testing';
import fc from 'fast-check';
import { servePanel } from './panel-server';

const CONSOLE = 'http://127.0.0.1:17002';
const GATEWAY = 'http://127.0.0.1:13000';

describe('servePanel', () => {
  let server: Server;
  let base: string;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    const root = mkdtempSync(join(tmpdir(), 'panel-'));
    writeFileSync(join(root, 'index.html'), '<pu-root></pu-root>');
    writeFileSync(join(root, 'main-ABC.js'), 'console.log(1)');
    writeFileSync(join(tmpdir(), 'secret.txt'), 'do not serve');
    server = await servePanel({
      root,
      host: '127.0.0.1',
      port: 0,
      gatewayUrl: GATEWAY,
      gatewayUrls: ['https://gw2.example.com', GATEWAY],
      frameAncestors: [CONSOLE],
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await new Promise<void>((r) => server.close(() => r()));
  });

  const get = (path: string) =>
    rawHttp(base, `GET ${path} HTTP/1.1\r\nHost: panel\r\nConnection: close\r\n\r\n`);

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
      gatewayUrl: GATEWAY,
      gatewayUrls: [GATEWAY, 'https://gw2.example.com'],
    });
  });

  it('falls back to the app for client routes and 404s missing assets', async () => {
    expect(await (await fetch(`${base}/supervisor/board`)).text()).toContain('pu-root');
    expect((await fetch(`${base}/missing.js`)).status).toBe(404);
  });

  it('never serves files outside its folder', async () => {
    for (const path of ['/..%2Fsecret.txt', '/%2E%2E/secret.txt', '/..%5Csecret.txt', '//..//secret.txt']) {
      const answer = await get(path);
      expect([path, answer?.body]).toEqual([path, expect.not.stringContaining('do not serve')]);
    }
  });

  describe('malformed requests: a 4xx, and it keeps serving (issue 14 §3)', () => {
    it.each([
      ['malformed percent-encoding (the request that stopped `npm start`)', '/%E0%A4%A', 400],
      ['an invalid escape', '/%ZZ', 400],
      ['a NUL byte', '/index.html%00.js', 400],
      ['a path no URL parser takes', '//', 200],
      ['a path over 2 KB', `/${'a'.repeat(3000)}`, 414],
      ['an absolute-form target', 'http://evil.example/index.html', 400],
    ])('%s → %s', async (_label, path, status) => {
      const answer = await get(path);
      expect(answer?.status).toBe(status);
      expect(answer?.headers['x-content-type-options']).toBe('nosniff');
      expect(await stillServing({ url: base, healthPath: '/health' })).toBeUndefined();
    });

    it.each(['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'])('%s → 405 with Allow', async (method) => {
      const answer = await rawHttp(
        base,
        `${method} /index.html HTTP/1.1\r\nHost: panel\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}`,
      );
      expect(answer?.status).toBe(405);
      expect(answer?.headers['allow']).toBe('GET, HEAD');
    });

    it.each(hostileRequests({ url: '', healthPath: '/health' }))('$name', async (hostile) => {
      expect(await tryHostile({ url: base, healthPath: '/health' }, hostile)).toBeUndefined();
    });

    it('answers any request target with a non-5xx and its security headers', async () => {
      await fc.assert(
        fc.asyncProperty(requestTargets, async (target) => {
          const answer = await get(target);
          expect(answer?.status).toBeLessThan(500);
          expect(answer?.headers['x-content-type-options']).toBe('nosniff');
          expect(answer?.headers['content-security-policy']).toContain('frame-ancestors');
        }),
        { numRuns: 200, seed: 143 },
      );
    }, 60_000);

    it('left no promise rejected and unhandled: the launcher it runs in would have died', () => {
      expect(unhandled).toEqual([]);
    });
  });

  describe('security headers (issue 14 §7)', () => {
    it.each([
      ['the app', '/', 200],
      ['an asset', '/main-ABC.js', 200],
      ['config.json', '/config.json', 200],
      ['a client route', '/supervisor/board', 200],
      ['a missing asset', '/missing.js', 404],
      ['a malformed path', '/%E0', 400],
    ])('%s: nosniff and the CSP', async (_label, path, status) => {
      const answer = await get(path);
      expect(answer?.status).toBe(status);
      expect(answer?.headers['x-content-type-options']).toBe('nosniff');
      expect(answer?.headers['content-security-policy']).toBe(
        [
          "default-src 'self'",
          `script-src 'self' ${CONSOLE}`,
          "style-src 'self' 'unsafe-inline'",
          "img-src 'self' data:",
          "font-src 'self'",
          `connect-src 'self' ${GATEWAY} https://gw2.example.com ws://127.0.0.1:13000 wss://gw2.example.com`,
          `frame-ancestors 'self' ${CONSOLE}`,
          "base-uri 'self'",
          "form-action 'self'",
          "object-src 'none'",
        ].join('; '),
      );
    });
  });
});
