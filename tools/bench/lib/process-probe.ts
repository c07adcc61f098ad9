import { readdirSync, readFileSync } from 'node:fs';

/** CPU and memory of a process, read from /proc (Linux), so a child is measured from outside. */
export interface ProcessSample {
  rssBytes: number;
  /** User + system CPU time, in milliseconds. */
  cpuMs: number;
  at: number;
}

const TICKS_PER_SECOND = 100;

export function sampleProcess(pid: number): ProcessSample {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  // Fields after the command name (which may contain spaces) start at ") ".
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rssBytes: rssKb * 1024, cpuMs: (ticks / TICKS_PER_SECOND) * 1000, at: performance.now() };
}

/** CPU used between two samples as a share of one core (1 = one full core). */
export function coresUsed(from: ProcessSample, to: ProcessSample): number {
  const wall = to.at - from.at;
  return wall > 0 ? (to.cpuMs - from.cpuMs) / wall : 0;
}

function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null; // the process ended between listing and reading
  }
}

/**
 * CPU time, in milliseconds, used so far by a group of processes: those
 * whose command name is `comm` (a PostgreSQL server: the postmaster and one
 * backend per connection), plus what their exited children used, so a
 * backend that closed during a measurement is still counted.
 */
export function groupCpuMs(comm: string): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let name: string;
    try {
      name = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (name !== comm) continue;
    const fields = statFields(Number(entry));
    if (fields) ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  }
  return (ticks / TICKS_PER_SECOND) * 1000;
}
