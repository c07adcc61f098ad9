#!/usr/bin/env node
// Installs the workspace's packages when they are missing or older than the
// lock file. Plain JavaScript on purpose: on a fresh clone it runs on the
// machine's own Node (20) before the project's pinned Node exists.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const stampFile = join(root, 'node_modules', '.puente-install-stamp');

function fingerprint() {
  const hash = createHash('sha256');
  for (const file of ['package.json', 'package-lock.json']) {
    const path = join(root, file);
    if (existsSync(path)) hash.update(readFileSync(path));
  }
  return hash.digest('hex');
}

const wanted = fingerprint();
const installed = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
const complete = ['node', 'nx', 'tsx', 'jest'].every((bin) =>
  existsSync(join(root, 'node_modules', '.bin', bin)),
);

if (installed === wanted && complete) process.exit(0);

console.log('Installing packages from package-lock.json (first run, or the lock file changed)…');
// `npm ci` is refused by this registry (missing optional platform binaries); `npm install`
// honours the committed lock file and leaves it unchanged.
const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--include=dev', '--loglevel=error'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
});
if (result.status !== 0) {
  console.error('\nnpm install failed: see the messages above.');
  process.exit(result.status ?? 1);
}
writeFileSync(stampFile, `${fingerprint()}\n`);
