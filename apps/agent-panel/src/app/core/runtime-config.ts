import { InjectionToken } from '@angular/core';
import { DEFAULT_PORTS } from '@puente/contracts';
import { z } from 'zod';

/**
 * Settings read when the panel boots, not baked into the build: the same
 * bundle runs inside Salesforce, in the local console and standalone.
 */
export interface RuntimeConfig {
  gatewayUrl: string;
  /** Extra origins trusted to host the panel through Open CTI (besides Salesforce's own domains). */
  openCtiOrigins?: readonly string[];
}

export const RUNTIME_CONFIG = new InjectionToken<RuntimeConfig>('RUNTIME_CONFIG');

const ConfigFileSchema = z.object({
  gatewayUrl: z.url().nullable().optional(),
  openCtiOrigins: z.array(z.url()).optional(),
});

/**
 * Order: `?gateway=` on the panel's URL (the console passes it to the iframe),
 * then `config.json` beside the app, then the default port on this host.
 */
export async function loadRuntimeConfig(
  location: Pick<Location, 'search' | 'protocol' | 'hostname'>,
  fetchConfig: () => Promise<unknown>,
): Promise<RuntimeConfig> {
  const fromQuery = new URLSearchParams(location.search).get('gateway');
  let file: z.infer<typeof ConfigFileSchema> = {};
  try {
    const parsed = ConfigFileSchema.safeParse(await fetchConfig());
    if (parsed.success) file = parsed.data;
  } catch {
    // No config.json: fall through to the default.
  }
  const openCtiOrigins = (file.openCtiOrigins ?? []).map(stripSlash);
  if (fromQuery && z.url().safeParse(fromQuery).success) {
    return { gatewayUrl: stripSlash(fromQuery), openCtiOrigins };
  }
  if (file.gatewayUrl) return { gatewayUrl: stripSlash(file.gatewayUrl), openCtiOrigins };
  return {
    gatewayUrl: `${location.protocol}//${location.hostname}:${DEFAULT_PORTS.gateway}`,
    openCtiOrigins,
  };
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
