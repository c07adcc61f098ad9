import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { panelConfig } from './panel-server';

const script = join(__dirname, '../../../../docker/panel-config.sh');

/** Runs the nginx image's config writer with `env`, into a temporary file instead of the image's web root. */
function run(env: Record<string, string>): { status: number | null; stderr: string; json: unknown } {
  const out = join(mkdtempSync(join(tmpdir(), 'panel-config-')), 'config.json');
  const result = spawnSync('sh', [script], {
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', PANEL_CONFIG_FILE: out, ...env },
    encoding: 'utf8',
  });
  let json: unknown = null;
  try {
    json = JSON.parse(readFileSync(out, 'utf8'));
  } catch {
    json = null;
  }
  return { status: result.status, stderr: result.stderr, json };
}

describe('docker/panel-config.sh (issue 14 §2)', () => {
  it('writes what the embedded panel server serves, from GATEWAY_URL and GATEWAY_URLS', () => {
    const written = run({
      GATEWAY_URL: 'https://gw.example.com/',
      GATEWAY_URLS: ' https://dr.example.com, http://10.0.0.5:3000/,https://gw.example.com',
    });
    expect(written.status).toBe(0);
    expect(written.json).toEqual(
      JSON.parse(
        panelConfig({
          gatewayUrl: 'https://gw.example.com',
          gatewayUrls: ['https://dr.example.com', 'http://10.0.0.5:3000'],
        }),
      ),
    );
    expect(run({ GATEWAY_URL: 'http://localhost:3000' }).json).toEqual({
      gatewayUrl: 'http://localhost:3000',
      gatewayUrls: ['http://localhost:3000'],
    });
  });

  it('refuses to write anything but http(s) URLs, and says which', () => {
    const cases: Record<string, string>[] = [
      { GATEWAY_URL: 'javascript:alert(1)' },
      { GATEWAY_URL: 'http://localhost:3000', GATEWAY_URLS: 'https://x.example.com","evil' },
      { GATEWAY_URL: 'http://localhost:3000', GATEWAY_URLS: 'gw.example.com' },
      {},
    ];
    for (const env of cases) {
      const written = run(env);
      expect(written.status).not.toBe(0);
      expect(written.json).toBeNull();
      expect(written.stderr).toMatch(/GATEWAY_URL|http\(s\) URL|quotes/);
    }
  });
});
