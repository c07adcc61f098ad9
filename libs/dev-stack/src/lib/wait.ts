/** Polls `url` until it answers 2xx, or throws after `timeoutMs` with the last reason. */
export async function waitForHttp(url: string, timeoutMs = 60_000, intervalMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let reason = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      reason = `HTTP ${res.status}`;
    } catch (error) {
      reason = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`${url} did not become healthy within ${Math.round(timeoutMs / 1000)} s (${reason})`);
}
