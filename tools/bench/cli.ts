// `npm run bench -- <suite> [options]`: benchmarks that print figures (never timed tests).
// Each suite is a module in ./suites exporting a BenchSuite.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BenchSuite } from './lib/suite';

const workspaceRoot = resolve(__dirname, '../..');
const suitesDir = join(__dirname, 'suites');

function suiteNames(): string[] {
  return readdirSync(suitesDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

async function load(name: string): Promise<BenchSuite> {
  return ((await import(join(suitesDir, `${name}.ts`))) as { suite: BenchSuite }).suite;
}

async function usage(): Promise<string> {
  const parts = await Promise.all(
    suiteNames().map(async (n) => `  ${n}\n${(await load(n)).usage.replace(/^/gm, '      ')}`),
  );
  return `Usage: npm run bench -- <suite> [options]\n\nSuites:\n${parts.join('\n\n')}\n\nEvery suite builds what it runs first (nx build, cached) and runs services as\nchild processes measured from outside.`;
}

async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write(`${await usage()}\n`);
    return name === undefined ? 1 : 0;
  }
  if (!suiteNames().includes(name)) {
    process.stderr.write(`Unknown suite "${name}".\n\n${await usage()}\n`);
    return 1;
  }
  const suite = await load(name);
  if (suite.builds.length > 0)
    execFileSync(
      'npx',
      ['nx', 'run-many', '-t', 'build', '-p', suite.builds.join(','), '--output-style=static'],
      {
        cwd: workspaceRoot,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
  await suite.run(rest, { workspaceRoot });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
