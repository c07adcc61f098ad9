// `npm run bench -- <suite> [options]`: benchmarks that print figures (never timed tests).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { runEventsBench } from './suites/events';

const USAGE = `Usage: npm run bench -- <suite> [options]

Suites:
  events   [--agents 1000,5000] [--rate 1000] [--seconds 15]
           Dialer → gateway → panel delay of agent events (p50/p99), lost events,
           gateway memory per agent and CPU per event, next to a bare socket.io relay.

Every suite builds what it runs first (nx build, cached) and runs services as
child processes measured from outside.`;

const workspaceRoot = resolve(__dirname, '../..');

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

function positiveInts(value: string, name: string): number[] {
  const list = value.split(',').map((v) => Number(v.trim()));
  if (list.some((n) => !Number.isInteger(n) || n <= 0))
    throw new Error(`--${name} needs positive whole numbers, got "${value}"`);
  return list;
}

function build(projects: string): void {
  execFileSync('npx', ['nx', 'run-many', '-t', 'build', '-p', projects, '--output-style=static'], {
    cwd: workspaceRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function main(args: string[]): Promise<number> {
  const [suite, ...rest] = args;
  switch (suite) {
    case 'events':
      build('gateway');
      await runEventsBench({
        workspaceRoot,
        agents: positiveInts(option(rest, 'agents', '1000,5000'), 'agents'),
        rate: positiveInts(option(rest, 'rate', '1000'), 'rate')[0],
        seconds: positiveInts(option(rest, 'seconds', '15'), 'seconds')[0],
      });
      return 0;
    case undefined:
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return suite === undefined ? 1 : 0;
    default:
      process.stderr.write(`Unknown suite "${suite}".\n\n${USAGE}\n`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
