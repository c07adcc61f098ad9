import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { panelContentSecurityPolicy } from './panel-csp';
import { freePort } from './ports';
import { waitForHttp } from './wait';

const docker = join(__dirname, '..', '..', '..', '..', 'docker');
const nginx = spawnSync('nginx', ['-v']).error ? null : 'nginx';
const suite = nginx ? describe : describe.skip;

const FRAME_ANCESTORS = ['https://acme.lightning.force.com', 'https://*.my.salesforce.com'];
const GATEWAY = 'https://cti.acme.com';
const MORE_GATEWAYS = ['https://cti-backup.acme.com'];

/** Runs docker/panel-headers.sh as the container's entrypoint would. */
function writeHeaders(file: string, env: Record<string, string>) {
  return spawnSync('sh', [join(docker, 'panel-headers.sh')], {
    env: { PATH: process.env['PATH'], PUENTE_HEADERS_FILE: file, ...env },
    encoding: 'utf8',
  });
}

/**
 * Issue 14 §7 for the docker image: docker/nginx.conf and the headers that
 * docker/panel-headers.sh writes, run in Debian's nginx (skipped, and said
 * so, where nginx is not installed: `apt-get install nginx-light`). Every
 * answer carries nosniff and the same CSP as the embedded stack's server;
 * no location drops them (nginx's add_header inheritance rule).
 */
suite(`docker/nginx.conf in nginx${nginx ? '' : ' (skipped: nginx is not installed)'}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'nginx-panel-'));
  const html = join(dir, 'html');
  const headers = join(dir, 'security-headers.conf');
  let server: ChildProcess;
  let base = '';

  beforeAll(async () => {
    mkdirSync(html);
    writeFileSync(join(html, 'index.html'), '<pu-root></pu-root>');
    writeFileSync(join(html, 'config.json'), '{"gatewayUrl":"https://cti.acme.com"}');
    writeFileSync(join(html, 'main-ABC.js'), 'console.log(1)');
    writeFileSync(join(html, 'styles-ABC.css'), 'body{}');
    // nginx's workers run as another user when started as root: let them read the files.
    for (const path of [dir, html]) chmodSync(path, 0o755);
    const written = writeHeaders(headers, {
      GATEWAY_URL: `${GATEWAY}/`,
      GATEWAY_URLS: [...MORE_GATEWAYS, GATEWAY].join(','),
      PANEL_FRAME_ANCESTORS: FRAME_ANCESTORS.join(', '),
    });
    expect(written.status).toBe(0);

    const port = await freePort();
    const site = readFileSync(join(docker, 'nginx.conf'), 'utf8')
      .replace('listen 80;', `listen 127.0.0.1:${port};`)
      .replace('root /usr/share/nginx/html;', `root ${html};`)
      .replace('include /etc/nginx/puente/security-headers.conf;', `include ${headers};`);
    writeFileSync(join(dir, 'site.conf'), site);
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
      .map((t) => `${t}_temp_path ${join(dir, t)};`)
      .join(' ');
    writeFileSync(
      join(dir, 'nginx.conf'),
      `daemon off; pid ${join(dir, 'nginx.pid')}; error_log ${join(dir, 'error.log')};
       events {}
       http {
         access_log off; ${temp}
         types { text/html html; text/javascript js; text/css css; application/json json; }
         include ${join(dir, 'site.conf')};
       }`,
    );
    const check = spawnSync('nginx', ['-t', '-c', join(dir, 'nginx.conf'), '-p', dir], { encoding: 'utf8' });
    expect(check.stderr).toContain('test is successful');
    server = spawn('nginx', ['-c', join(dir, 'nginx.conf'), '-p', dir], { stdio: 'ignore' });
    base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/index.html`, 10_000, 50);
  });

  afterAll(async () => {
    if (!server || server.exitCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  });

  it.each([
    ['the app', '/', 200, 'no-cache'],
    ['index.html', '/index.html', 200, 'no-cache'],
    ['config.json', '/config.json', 200, 'no-store'],
    ['a script', '/main-ABC.js', 200, 'public, max-age=31536000, immutable'],
    ['a stylesheet', '/styles-ABC.css', 200, 'public, max-age=31536000, immutable'],
    ['a client route', '/supervisor/board', 200, 'no-cache'],
    ['a missing asset', '/missing.js', 404, null],
  ])('%s: nosniff and the CSP, whatever its own caching', async (_label, path, status, cache) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(status);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe(
      panelContentSecurityPolicy({
        gatewayUrls: [GATEWAY, ...MORE_GATEWAYS],
        frameAncestors: FRAME_ANCESTORS,
      }),
    );
    expect(res.headers.get('cache-control')).toBe(cache);
    expect(res.headers.get('server')).toBe('nginx');
  });

  it('lets only the panel frame itself when PANEL_FRAME_ANCESTORS is unset, and says so', () => {
    const file = join(dir, 'unset.conf');
    const written = writeHeaders(file, { GATEWAY_URL: 'http://localhost:3000' });
    expect(written.status).toBe(0);
    expect(written.stderr).toContain('PANEL_FRAME_ANCESTORS is not set');
    expect(readFileSync(file, 'utf8')).toContain(
      panelContentSecurityPolicy({ gatewayUrls: ['http://localhost:3000'], frameAncestors: [] }),
    );
  });

  it.each([
    ['PANEL_FRAME_ANCESTORS', "https://acme.lightning.force.com; script-src 'unsafe-inline'"],
    ['PANEL_FRAME_ANCESTORS', '*'],
    ['GATEWAY_URL', 'javascript:alert(1)'],
    ['GATEWAY_URL', ''],
    ['GATEWAY_URLS', 'https://cti.acme.com" always; add_header X-Evil "1'],
  ])('stops the container on a %s that is not an origin: %j', (variable, value) => {
    const written = writeHeaders(join(dir, 'refused.conf'), {
      GATEWAY_URL: GATEWAY,
      PANEL_FRAME_ANCESTORS: FRAME_ANCESTORS[0],
      [variable]: value,
    });
    expect(written.status).toBe(1);
    expect(written.stderr).toContain(`${variable} must hold origins`);
  });
});
