import { InjectionToken } from '@angular/core';
import { DEFAULT_PORTS } from '@puente/contracts';
import { z } from 'zod';
import { originOf, stripSlash } from './gateway-origin';

/**
 * Settings read when the panel boots, not baked into the build: the same
 * bundle runs inside Salesforce, in the local console and standalone.
 */
export interface RuntimeConfig {
  /** The gateway this panel talks to: one of `gatewayOrigins`, always. */
  gatewayUrl: string;
  /**
   * Origins of the gateways the served configuration names. The panel sends
   * nothing, of any kind, anywhere else (issue 14 §2).
   */
  gatewayOrigins: readonly string[];
  /** A `?gateway=` the panel ignored because it is not on the list, to tell the agent. */
  refusedGateway?: string;
  /** Extra origins trusted to host the panel through Open CTI (besides Salesforce's own domains). */
  openCtiOrigins?: readonly string[];
}

export const RUNTIME_CONFIG = new InjectionToken<RuntimeConfig>('RUNTIME_CONFIG');

const GatewayUrl = z.url({ protocol: /^https?$/ });

const ConfigFileSchema = z.object({
  /** The gateways the panel may use, the first being its default. */
  gatewayUrls: z.array(GatewayUrl).optional(),
  /** The older single-gateway form; when both are given it is the default and joins the list. */
  gatewayUrl: GatewayUrl.nullable().optional(),
  openCtiOrigins: z.array(z.url()).optional(),
});

type ConfigFile = z.infer<typeof ConfigFileSchema>;

/**
 * The gateways come from `config.json` beside the app (`gatewayUrls`, the
 * first the default); without a readable one, only the default port on the
 * panel's own host. `?gateway=` on the panel's URL (the console passes it to
 * the iframe) only picks among those, by origin; any other value is ignored
 * and reported, never used — it would otherwise receive the agent's tokens.
 */
export async function loadRuntimeConfig(
  location: Pick<Location, 'search' | 'protocol' | 'hostname'>,
  fetchConfig: () => Promise<unknown>,
): Promise<RuntimeConfig> {
  const file = await readConfigFile(fetchConfig);
  const listed = file ? gatewayList(file) : [];
  const gateways =
    listed.length > 0 ? listed : [`${location.protocol}//${location.hostname}:${DEFAULT_PORTS.gateway}`];
  const gatewayOrigins = [...new Set(gateways.map((url) => originOf(url) as string))];
  const openCtiOrigins = (file?.openCtiOrigins ?? []).map(stripSlash);

  const requested = new URLSearchParams(location.search).get('gateway');
  const chosen = requested ? pickListed(requested, gateways) : undefined;
  return {
    gatewayUrl: chosen ?? gateways[0],
    gatewayOrigins,
    ...(requested && !chosen ? { refusedGateway: shown(requested) } : {}),
    openCtiOrigins,
  };
}

/** The file, or null when it is missing, unreadable or not what the panel expects (then only the default is safe). */
async function readConfigFile(fetchConfig: () => Promise<unknown>): Promise<ConfigFile | null> {
  try {
    const parsed = ConfigFileSchema.safeParse(await fetchConfig());
    if (parsed.success) return parsed.data;
    console.warn(
      'Puente panel: config.json is not valid; using the default gateway only',
      parsed.error.issues,
    );
  } catch {
    // No config.json: the default gateway only.
  }
  return null;
}

function gatewayList(file: ConfigFile): string[] {
  const urls = [...(file.gatewayUrl ? [file.gatewayUrl] : []), ...(file.gatewayUrls ?? [])].map(stripSlash);
  return [...new Set(urls)];
}

/** The listed gateway `?gateway=` names: the same URL, else the first listed on the same origin. */
function pickListed(requested: string, gateways: readonly string[]): string | undefined {
  const origin = originOf(requested);
  if (!origin || !GatewayUrl.safeParse(requested).success) return undefined;
  return gateways.find((g) => g === stripSlash(requested)) ?? gateways.find((g) => originOf(g) === origin);
}

/** What the notice quotes: the origin when there is one, else the start of the raw value. */
function shown(requested: string): string {
  return originOf(requested) ?? requested.slice(0, 80);
}
