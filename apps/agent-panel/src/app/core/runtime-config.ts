import { InjectionToken } from '@angular/core';
import { DEFAULT_PORTS } from '@puente/contracts';
import { z } from 'zod';

/**
 * Settings read when the panel boots, not baked into the build: the same
 * bundle runs inside Salesforce, in the local console and standalone.
 */
export interface RuntimeConfig {
  gatewayUrl: string;
}

export const RUNTIME_CONFIG = new InjectionToken<RuntimeConfig>('RUNTIME_CONFIG');

const ConfigFileSchema = z.object({ gatewayUrl: z.url().nullable().optional() });

/**
 * Order: `?gateway=` on the panel's URL (the console passes it to the iframe),
 * then `config.json` beside the app, then the default port on this host.
 */
export async function loadRuntimeConfig(
  location: Pick<Location, 'search' | 'protocol' | 'hostname'>,
  fetchConfig: () => Promise<unknown>,
): Promise<RuntimeConfig> {
  const fromQuery = new URLSearchParams(location.search).get('gateway');
  if (fromQuery && z.url().safeParse(fromQuery).success) return { gatewayUrl: stripSlash(fromQuery) };
  try {
    const file = ConfigFileSchema.safeParse(await fetchConfig());
    if (file.success && file.data.gatewayUrl) return { gatewayUrl: stripSlash(file.data.gatewayUrl) };
  } catch {
    // No config.json: fall through to the default.
  }
  return { gatewayUrl: `${location.protocol}//${location.hostname}:${DEFAULT_PORTS.gateway}` };
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
