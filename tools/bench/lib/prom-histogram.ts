/**
 * Reads one Prometheus histogram (cumulative buckets) from a /metrics page,
 * so a benchmark can diff two scrapes and get the distribution of just the
 * samples taken in between.
 */
export type Buckets = Map<number, number>;

export async function scrapeHistogram(url: string, name: string, labels: string): Promise<Buckets> {
  const text = await (await fetch(url)).text();
  const buckets: Buckets = new Map();
  const prefix = `${name}_bucket{`;
  for (const line of text.split('\n')) {
    if (!line.startsWith(prefix) || !line.includes(labels)) continue;
    const le = /le="([^"]+)"/.exec(line)?.[1];
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (le !== undefined) buckets.set(le === '+Inf' ? Infinity : Number(le), value);
  }
  return buckets;
}

/** The upper bound of the bucket holding quantile q of the samples between two scrapes, in ms. */
export function quantileBetween(before: Buckets, after: Buckets, q: number): number {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const total = (after.get(Infinity) ?? 0) - (before.get(Infinity) ?? 0);
  if (total <= 0) return Number.NaN;
  for (const le of bounds) {
    if ((after.get(le) ?? 0) - (before.get(le) ?? 0) >= q * total) return le * 1000;
  }
  return Infinity;
}
