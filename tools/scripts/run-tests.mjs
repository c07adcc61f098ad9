#!/usr/bin/env node
// `npm test`: everything a change must pass, in the order that fails fastest.
// Runs on the machine's Node until the packages are installed; every step
// after that runs on the project's pinned Node (node_modules/.bin first on PATH).
import { spawnSync } from 'node:child_process';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = {
  ...process.env,
  PATH: `${join(root, 'node_modules', '.bin')}${delimiter}${process.env.PATH}`,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  NX_INTERACTIVE: 'false',
  FORCE_COLOR: process.env.FORCE_COLOR ?? (process.stdout.isTTY ? '1' : '0'),
};

const steps = [
  ['packages', 'node', ['tools/scripts/ensure-deps.mjs']],
  ['system packages (Chromium, Redis, nginx)', 'node', ['tools/scripts/ensure-system-packages.mjs']],
  ['format', 'prettier', ['--check', '--log-level=warn', '.']],
  [
    'lint and type checks',
    'nx',
    ['run-many', '-t', 'lint', 'typecheck', '--parallel=2', '--output-style=static'],
  ],
  ['unit and integration tests', 'nx', ['run-many', '-t', 'test', '--parallel=2', '--output-style=static']],
  ['builds', 'nx', ['run-many', '-t', 'build', '--parallel=2', '--output-style=static']],
  ['browser tests (Chromium)', 'nx', ['run', 'agent-panel-e2e:e2e', '--output-style=static']],
];

const started = Date.now();
for (const [title, command, args] of steps) {
  const t0 = Date.now();
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n✖ ${title} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
  console.log(`✔ ${title} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
