/**
 * The origin (`scheme://host:port`) of an http(s) URL, or null for anything
 * else. A relative URL needs `base` (the document's), else it is null.
 */
export function originOf(url: string, base?: string): string | null {
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** Whether a URL is on one of the gateways the served configuration names. */
export function isListedGateway(url: string, gatewayOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && gatewayOrigins.includes(origin);
}

export function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
