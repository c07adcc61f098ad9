/** The Open CTI library version the panel loads from its host. */
export const OPEN_CTI_API_VERSION = '62.0';

/** Where the panel runs inside a CTI host (Salesforce Lightning, or the local console). */
export interface CtiHost {
  origin: string;
  mode: string;
  scriptUrl: string;
}

export interface PanelLocation {
  search: string;
  hostname: string;
  /** True when the panel is inside a frame (the softphone iframe). */
  framed: boolean;
}

const SALESFORCE_HOST = /^https:\/\/[a-z0-9.-]+\.(force\.com|salesforce\.com)(:\d+)?$/i;
const LOOPBACK = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;
const isLoopbackName = (hostname: string) => ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(hostname);

/**
 * Reads `sfdcIframeOrigin` and `mode` from the panel's URL, as Salesforce's
 * own script does. The script is loaded from that origin, so only trusted
 * origins count: Salesforce domains, the origins in config.json, and a
 * loopback console when the panel itself is served on loopback. Anything
 * else (or no frame) means standalone: Open CTI is then a no-op.
 */
export function detectCtiHost(location: PanelLocation, extraOrigins: readonly string[] = []): CtiHost | null {
  if (!location.framed) return null;
  const params = new URLSearchParams(location.search);
  const origin = (params.get('sfdcIframeOrigin') ?? '').replace(/\/+$/, '');
  const mode = params.get('mode') ?? '';
  if (!origin || !mode) return null;
  const trusted =
    SALESFORCE_HOST.test(origin) ||
    extraOrigins.includes(origin) ||
    (LOOPBACK.test(origin) && isLoopbackName(location.hostname));
  if (!trusted) return null;
  return {
    origin,
    mode,
    scriptUrl: `${origin}/support/api/${OPEN_CTI_API_VERSION}/lightning/opencti_min.js`,
  };
}
