// The scripted dialer of `npm run bench -- events`, in a process of its own
// (started by BenchDialerProcess): at 10,000 agents it holds one push stream
// per agent, and the benchmark process, which holds one panel socket per
// agent, cannot also hold those under a 20,000 file-descriptor limit. It
// also keeps the dialer's CPU out of the panels' process.
import { benchDialer, benchUser } from './agents';

export type DialerRequest = { load: { rate: number; seconds: number } };
export type DialerReply = { ready: { url: string } } | { loaded: { emitted: number } };

const agents = Number(process.env['BENCH_DIALER_AGENTS']);
const send = (reply: DialerReply) => process.send?.(reply);

async function main(): Promise<void> {
  const dialer = await benchDialer(agents);
  process.on('message', (request: DialerRequest) => {
    void emitLoad(dialer, request.load.rate, request.load.seconds).then((emitted) =>
      send({ loaded: { emitted } }),
    );
  });
  // The parent ends: so does the dialer (its streams close with it).
  process.on('disconnect', () => process.exit(0));
  send({ ready: { url: dialer.url } });
}

/**
 * Emits `rate` AgentState events per second for `seconds`, in 10 ms ticks,
 * round-robin over the agents; each carries a unique break name, which the
 * panels recognise as a bench event.
 */
async function emitLoad(
  dialer: Awaited<ReturnType<typeof benchDialer>>,
  rate: number,
  seconds: number,
): Promise<number> {
  const started = performance.now();
  let emitted = 0;
  let next = 0;
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    for (; emitted < due; emitted++) {
      const { agentId } = benchUser(next);
      next = (next + 1) % agents;
      const paused = emitted % 2 === 0;
      dialer.emit(agentId, 'AgentState', {
        state: paused ? 'paused' : 'available',
        breakState: paused ? { id: '1', name: `bench ${emitted}` } : { id: '0', name: `bench ${emitted}` },
      });
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return emitted;
}

void main();
