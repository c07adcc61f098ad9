import type { StackUrls } from '@puente/dev-stack';
import { paint } from './colour';

interface DemoInfo {
  title: string;
  lines: string[];
}

/** Each emulator says what its demo credentials are (GET /demo), so the banner never goes stale. */
async function demoInfo(url: string): Promise<DemoInfo | null> {
  try {
    const res = await fetch(`${url}/demo`, { signal: AbortSignal.timeout(2000) });
    return res.ok ? ((await res.json()) as DemoInfo) : null;
  } catch {
    return null;
  }
}

export async function printBanner(urls: StackUrls): Promise<void> {
  const demos = (
    await Promise.all([demoInfo(urls.dialerEmulator), demoInfo(urls.salesforceEmulator)])
  ).filter((d): d is DemoInfo => d !== null && d.lines.length > 0);
  const row = (label: string, url: string, note = '') => `  ${label.padEnd(22)}${paint('bold', url)}${note}`;
  const lines = [
    '',
    paint('green', '✔ Puente is running'),
    '',
    row(
      'Open this',
      `${urls.salesforceEmulator}/lightning/console`,
      paint('dim', '   the Lightning console with the panel in its utility bar'),
    ),
    '',
    row('Agent panel', urls.agentPanel, paint('dim', '   the panel alone')),
    row('Gateway', urls.gateway, paint('dim', '   health: /health')),
    row('Dialer emulator', urls.dialerEmulator, paint('dim', '   health: /health')),
    row('Salesforce emulator', urls.salesforceEmulator, paint('dim', '   health: /health')),
    row(
      'Lightning console',
      `${urls.salesforceEmulator}/lightning/console`,
      paint('dim', '   the panel inside a Salesforce-like page'),
    ),
    row('Contact-center DB', urls.contactDb, paint('dim', '   psql-compatible (PGlite)')),
    ...demos.flatMap((d) => ['', paint('bold', `  ${d.title}`), ...d.lines.map((l) => `    ${l}`)]),
    '',
    paint('dim', '  A service that stops by itself is restarted. Press Ctrl-C to stop every service.'),
    '',
  ];
  console.log(lines.join('\n'));
}
