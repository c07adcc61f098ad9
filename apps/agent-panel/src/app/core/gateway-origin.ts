/** The origin (`scheme://host:port`) of an absolute http(s) URL, or null for anything else. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

export function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
