import type { NeoAgent } from '@puente/neoapi';
import { FakeNeoApiServer } from '@puente/neoapi/testing';

/** Bench agents: ids a00001…, users bench00001…, one password. */
export const BENCH_PASSWORD = 'puente-bench';

export function benchUser(i: number): { agentId: string; user: string; device: string } {
  const n = String(i + 1).padStart(5, '0');
  return { agentId: `a${n}`, user: `bench${n}`, device: `9${n}` };
}

/**
 * The dialer the events benchmark drives: the scripted NeoApi server on a
 * real socket, so the gateway under test runs its real adapter, push
 * subscriptions and SSE parsing, while the load is exactly what we emit.
 */
export async function benchDialer(agents: number): Promise<FakeNeoApiServer> {
  const dialer = new FakeNeoApiServer();
  for (let i = 0; i < agents; i++) {
    const { agentId, user } = benchUser(i);
    const agent: Omit<NeoAgent, 'device' | 'state' | 'stateSince'> = {
      agentId,
      user,
      displayName: `Bench ${i + 1}`,
      email: null,
      roles: ['agent'],
      breakState: null,
      campaignId: null,
      queueIds: [],
    };
    dialer.addUser({ agent, password: BENCH_PASSWORD });
  }
  await dialer.start();
  return dialer;
}

/** Runs `work` over items with at most `limit` in flight. */
export async function inBatches<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(workers);
}
