/**
 * A source the panel's CSP may name: a scheme and a host (optionally
 * `*.`-prefixed) and port, nothing else; so a configured value can never
 * close the directive and add its own (`; script-src *`).
 */
export const CSP_ORIGIN = /^https?:\/\/(\*\.)?[A-Za-z0-9.-]+(:(\d{1,5}|\*))?$/;

export interface PanelCspOptions {
  /** The gateways the panel may call (REST and socket.io, so their ws: / wss: twins too). */
  gatewayUrls: readonly string[];
  /**
   * The pages allowed to frame the panel: the Salesforce (or local console)
   * origins. The same hosts serve Open CTI's opencti_min.js, which the panel
   * loads from its host, so they are script sources too.
   */
  frameAncestors: readonly string[];
}

/**
 * The agent panel's Content-Security-Policy (issue 14 §7), the same for the
 * embedded stack's server and docker/nginx.conf (docker/panel-headers.sh):
 *
 * - frame-ancestors: only the configured consoles may frame it, so another
 *   site cannot put the softphone in a frame and click it for the agent;
 * - connect-src: only the configured gateways, so injected script could not
 *   send a token elsewhere;
 * - script-src: the app's own bundle and the console's Open CTI script, no
 *   inline script and no eval (the build inlines none: see project.json);
 * - style-src allows inline styles: Angular adds each component's styles
 *   as a <style> element at run time.
 */
export function panelContentSecurityPolicy(options: PanelCspOptions): string {
  const gateways = options.gatewayUrls.map(originOf);
  const sockets = gateways.map((g) => g.replace(/^http/, 'ws'));
  const consoles = options.frameAncestors.map(originOf);
  const list = (...sources: string[]) => [...new Set(sources)].join(' ');
  return [
    `default-src 'self'`,
    `script-src ${list("'self'", ...consoles)}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data:`,
    `font-src 'self'`,
    `connect-src ${list("'self'", ...gateways, ...sockets)}`,
    `frame-ancestors ${list("'self'", ...consoles)}`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `object-src 'none'`,
  ].join('; ');
}

/** The origin of a URL or origin pattern, refused when it is not one a CSP may safely name. */
function originOf(url: string): string {
  const origin = url.includes('*') ? url.replace(/\/+$/, '') : (URL.parse(url)?.origin ?? url);
  if (!CSP_ORIGIN.test(origin))
    throw new Error(`not an origin the panel's CSP can name: ${JSON.stringify(url)}`);
  return origin;
}
