import type { AgentEvent } from '@puente/contracts';

/**
 * What a failure test counts (docs/reliability.md): of the things that
 * should have landed, which did, which were lost and which landed twice; and
 * anything that landed without being expected. A test asserts the whole
 * tally, so a failure message shows every number at once.
 */
export interface Tally {
  expected: number;
  landed: number;
  lost: string[];
  duplicated: string[];
  unexpected: string[];
}

/** Tallies `landed` keys (one per landed item, repeats included) against the `expected` keys. */
export function tally(expected: Iterable<string>, landed: Iterable<string>): Tally {
  const want = new Set(expected);
  const seen = new Map<string, number>();
  for (const key of landed) seen.set(key, (seen.get(key) ?? 0) + 1);
  return {
    expected: want.size,
    landed: [...seen.keys()].filter((k) => want.has(k)).length,
    lost: [...want].filter((k) => !seen.has(k)).sort(),
    duplicated: [...seen]
      .filter(([, n]) => n > 1)
      .map(([k]) => k)
      .sort(),
    unexpected: [...seen.keys()].filter((k) => !want.has(k)).sort(),
  };
}

/** The tally of a run where everything expected landed exactly once. */
export function perfect(count: number): Tally {
  return { expected: count, landed: count, lost: [], duplicated: [], unexpected: [] };
}

/** What one agent's panels received of its stream: every seq after `from` up to `to` is expected once. */
export interface AgentStreamRecord {
  user: string;
  from: number;
  to: number;
  received: readonly Pick<AgentEvent, 'seq'>[];
}

/**
 * The tally of agents' events by seq (issue 18 §3: "0 lost and 0 duplicated
 * events by seq"), keyed `user#seq`: a seq no panel of the agent received is
 * lost, one received twice (live and again in a replay, or from two nodes) is
 * duplicated, one outside (from, to] is unexpected.
 */
export function seqTally(streams: readonly AgentStreamRecord[]): Tally {
  const expected: string[] = [];
  for (const s of streams) for (let seq = s.from + 1; seq <= s.to; seq++) expected.push(`${s.user}#${seq}`);
  return tally(
    expected,
    streams.flatMap((s) => s.received.map((e) => `${s.user}#${e.seq}`)),
  );
}

/** How a panel's event stream looks by seq: gaps and repeats (a resumed panel must have neither). */
export interface SeqReport {
  first: number;
  last: number;
  gaps: number[];
  repeats: number[];
}

export function seqReport(events: readonly Pick<AgentEvent, 'seq'>[]): SeqReport {
  const seqs = events.map((e) => e.seq);
  const gaps: number[] = [];
  const repeats: number[] = [];
  for (let i = 1; i < seqs.length; i++) {
    if (seqs[i] === seqs[i - 1]) repeats.push(seqs[i]);
    else if (seqs[i] < seqs[i - 1]) repeats.push(seqs[i]);
    else for (let s = seqs[i - 1] + 1; s < seqs[i]; s++) gaps.push(s);
  }
  return { first: seqs[0] ?? 0, last: seqs.at(-1) ?? 0, gaps, repeats };
}

/** Polls `probe` until it returns something truthy, or fails naming `what`. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 10_000,
  everyMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`,
      );
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Waits as `until` does and answers how long it took (ms): for takeover times. */
export async function elapsedUntil(what: string, check: () => boolean, timeoutMs = 10_000): Promise<number> {
  const started = Date.now();
  await until(what, check, timeoutMs, 10);
  return Date.now() - started;
}
