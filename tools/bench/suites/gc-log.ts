import { readFileSync } from 'node:fs';
import { type BenchSuite, option, positiveInts } from '../lib/suite';

export const suite: BenchSuite = {
  usage: `<service output file> [--seconds 10]
Reads a service's --trace-gc-nvp lines (BENCH_OUTPUT_DIR=dir npm run bench --
events --node-flags "--trace-gc-nvp" keeps them) and prints, per slice of
--seconds: scavenges and their pauses, bytes allocated and promoted to the old
generation, and each major collection (R: started to reduce memory).`,
  builds: [],
  run: (args) => {
    const [file] = args;
    if (!file || file.startsWith('--')) throw new Error('gc-log: name a service output file first');
    const slice = positiveInts(option(args, 'seconds', '10'), 'seconds')[0] * 1000;
    process.stdout.write(gcLogReport(readFileSync(file, 'utf8'), slice));
    return Promise.resolve();
  },
};

interface Slice {
  scavenges: number;
  scavengeMs: number;
  longestScavengeMs: number;
  allocated: number;
  promoted: number;
  majors: string[];
}

const MIB = 2 ** 20;

/** One line per `sliceMs` of the process's life, from V8's --trace-gc-nvp output. */
export function gcLogReport(text: string, sliceMs: number): string {
  const slices = new Map<number, Slice>();
  for (const line of text.split('\n')) {
    const head = /\s(\d+) ms: pause=([\d.]+) .*?gc=(\w+) reduce_memory=(\d)/.exec(line);
    if (!head) continue;
    const value = (name: string) => Number(new RegExp(`\\s${name}=([\\d.]+)`).exec(line)?.[1] ?? 0);
    const at = Math.floor(Number(head[1]) / sliceMs);
    const pause = Number(head[2]);
    const slice = slices.get(at) ?? {
      scavenges: 0,
      scavengeMs: 0,
      longestScavengeMs: 0,
      allocated: 0,
      promoted: 0,
      majors: [],
    };
    slice.allocated += value('allocated');
    if (head[3] === 's') {
      slice.scavenges++;
      slice.scavengeMs += pause;
      slice.longestScavengeMs = Math.max(slice.longestScavengeMs, pause);
      slice.promoted += value('promoted');
    } else {
      const [from, to] = [value('start_object_size'), value('end_object_size')].map((b) =>
        (b / MIB).toFixed(0),
      );
      slice.majors.push(`${pause.toFixed(0)} ms${head[4] === '1' ? ' R' : ''} (${from}→${to} MiB)`);
    }
    slices.set(at, slice);
  }
  const rows = [...slices.entries()]
    .sort(([a], [b]) => a - b)
    .map(
      ([at, s]) =>
        `| ${(at * sliceMs) / 1000} s | ${s.scavenges} | ${s.scavengeMs.toFixed(0)} ms | ${s.longestScavengeMs.toFixed(1)} ms | ${(s.allocated / MIB).toFixed(0)} MiB | ${(s.promoted / MIB).toFixed(1)} MiB | ${s.majors.join(', ')} |`,
    );
  return [
    '| from | scavenges | their pauses | longest | allocated | promoted | major collections |',
    '|------|-----------|--------------|---------|-----------|----------|-------------------|',
    ...rows,
    '',
  ].join('\n');
}
