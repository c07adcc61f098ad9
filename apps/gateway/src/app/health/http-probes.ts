import type { UpstreamName } from '@puente/contracts';
import type { UpstreamProbe } from './upstream-probe';

async function expectJson(url: string, signal: AbortSignal): Promise<unknown> {
  const res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${new URL(url).pathname} answered HTTP ${res.status}`);
  return res.json();
}

/**
 * Salesforce lists its API versions at GET /services/data without a session,
 * on real orgs and on the local emulator alike: a cheap, credential-free probe.
 */
export function salesforceProbe(baseUrl: string): UpstreamProbe {
  return {
    name: 'salesforce' satisfies UpstreamName,
    async check(signal) {
      const body = await expectJson(`${baseUrl}/services/data`, signal);
      if (!Array.isArray(body)) throw new Error('unexpected answer from /services/data');
    },
  };
}
