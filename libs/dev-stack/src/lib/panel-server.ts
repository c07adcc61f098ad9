import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export interface PanelServerOptions {
  /** The built panel (dist/apps/agent-panel/browser). */
  root: string;
  host: string;
  port: number;
  /** Written into /config.json so the same build finds this stack's gateway: its default. */
  gatewayUrl: string;
  /** Further gateways the panel may be pointed at with `?gateway=`; it talks to no other (issue 14 §2). */
  gatewayUrls?: readonly string[];
}

/** The panel's /config.json: `gatewayUrls` lists every gateway it may use, `gatewayUrl` (its first) serves older builds. */
export function panelConfig(options: Pick<PanelServerOptions, 'gatewayUrl' | 'gatewayUrls'>): string {
  const gatewayUrls = [...new Set([options.gatewayUrl, ...(options.gatewayUrls ?? [])])];
  return JSON.stringify({ gatewayUrl: options.gatewayUrl, gatewayUrls });
}

/**
 * Serves the production build of the panel the way nginx does in docker/:
 * hashed assets cached for a year, index.html never cached, unknown paths
 * fall back to index.html, and /config.json generated for this environment.
 */
export function servePanel(options: PanelServerOptions): Promise<Server> {
  const root = resolve(options.root);
  const configJson = panelConfig(options);

  const server = createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://panel').pathname);
    if (pathname === '/config.json') {
      res.writeHead(200, { 'content-type': MIME['.json'], 'cache-control': 'no-store' }).end(configJson);
      return;
    }
    if (pathname === '/health') {
      res
        .writeHead(200, { 'content-type': MIME['.json'] })
        .end(JSON.stringify({ status: 'ok', service: 'agent-panel' }));
      return;
    }
    const requested = normalize(join(root, pathname));
    const inside = requested === root || requested.startsWith(root + sep);
    let file = inside ? requested : join(root, 'index.html');
    let info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      // Client-side routes resolve to the app; missing assets are real 404s.
      if (extname(pathname)) {
        res.writeHead(404, { 'content-type': MIME['.txt'] }).end('Not found');
        return;
      }
      file = join(root, 'index.html');
      info = await stat(file).catch(() => null);
      if (!info?.isFile()) {
        res
          .writeHead(503, { 'content-type': MIME['.txt'] })
          .end('The agent panel is not built yet: run `npm start`.');
        return;
      }
    }
    const isIndex = file.endsWith('index.html');
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': isIndex ? 'no-cache' : 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolvePromise(server));
  });
}
