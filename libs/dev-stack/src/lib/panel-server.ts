import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { hardenHttpServer } from '@puente/server-kit';
import { panelContentSecurityPolicy } from './panel-csp';

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

/** Longer paths are no file of the panel's: refused before any decoding or file system call. */
const MAX_PATH_LENGTH = 2048;

export interface PanelServerOptions {
  /** The built panel (dist/apps/agent-panel/browser). */
  root: string;
  host: string;
  port: number;
  /** Written into /config.json so the same build finds this stack's gateway: its default. */
  gatewayUrl: string;
  /** Further gateways the panel may be pointed at with `?gateway=`; it talks to no other (issue 14 §2). */
  gatewayUrls?: readonly string[];
  /** Origins allowed to frame the panel (and serve it Open CTI): its CSP's frame-ancestors. */
  frameAncestors: readonly string[];
  /** Told of a request that failed on the server's side (answered 500); the server keeps serving. */
  onError?: (error: unknown) => void;
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
 * Every answer carries the panel's CSP and nosniff. It runs inside the
 * `npm start` launcher, so no request may throw out of it (issue 14 §3): a
 * malformed path is a 400, an odd method a 405, and anything unexpected a
 * 500 reported to `onError`, never an unhandled rejection.
 */
export function servePanel(options: PanelServerOptions): Promise<Server> {
  const root = resolve(options.root);
  const configJson = panelConfig(options);
  // The panel reaches exactly the gateways its configuration lists, and nothing else.
  const csp = panelContentSecurityPolicy({
    gatewayUrls: [options.gatewayUrl, ...(options.gatewayUrls ?? [])],
    frameAncestors: options.frameAncestors,
  });

  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': MIME['.txt'] }).end('Method not allowed');
      return;
    }
    const requested = requestedPath(req.url);
    if (typeof requested === 'number') {
      res.writeHead(requested, { 'content-type': MIME['.txt'] }).end('Bad request path');
      return;
    }
    const pathname = requested;
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
    const candidate = normalize(join(root, pathname));
    const inside = candidate === root || candidate.startsWith(root + sep);
    let file = inside ? candidate : join(root, 'index.html');
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
    });
    if (req.method === 'HEAD') res.end();
    // A read that fails half-way (the build replaced under us) ends this answer, not the server.
    else pipeline(createReadStream(file), res, (error) => error && options.onError?.(error));
  };

  const server = createServer((req, res) => {
    res.setHeader('content-security-policy', csp);
    answer(req, res).catch((error: unknown) => {
      options.onError?.(error);
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { 'content-type': MIME['.txt'] }).end('The panel server failed; see its log.');
    });
  });
  hardenHttpServer(server);

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      server.on('error', (error) => options.onError?.(error));
      resolvePromise(server);
    });
  });
}

/**
 * The decoded path of a request target, or the status refusing it: only
 * origin-form targets (`/…`; not `http://host/…` nor `*`), no longer than
 * MAX_PATH_LENGTH, validly percent-encoded, with no NUL byte (which the file
 * system calls would refuse with an error).
 */
function requestedPath(target: string | undefined): string | 400 | 414 {
  if (!target?.startsWith('/')) return 400;
  const raw = target.split(/[?#]/, 1)[0];
  if (raw.length > MAX_PATH_LENGTH) return 414;
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return 400;
  }
  return path.includes('\0') ? 400 : path;
}
