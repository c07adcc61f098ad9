#!/usr/bin/env node
// `npm start`: installs what is missing, then hands over to the launcher on
// the project's pinned Node. Plain JavaScript so it runs on a fresh machine's
// Node 20. It forwards stop signals, because npm only signals its direct child.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const deps = spawnSync(process.execPath, [join(root, 'tools/scripts/ensure-deps.mjs')], { stdio: 'inherit' });
if (deps.status !== 0) process.exit(deps.status ?? 1);

const child = spawn(
  join(root, 'node_modules', '.bin', 'node'),
  ['--import', 'tsx', join(root, 'tools/stack/start-all.ts'), ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tools/stack/tsconfig.json') },
  },
);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
// npm does not always pass SIGTERM on: if our parent goes away, stop as if told to.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) child.kill('SIGTERM');
}, 500).unref();
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
