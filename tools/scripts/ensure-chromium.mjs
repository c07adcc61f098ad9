#!/usr/bin/env node
// Browser tests drive Debian's Chromium (no browser downloads on this network).
// As root, install it; otherwise stop with the exact command to run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const executable = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (existsSync(executable)) process.exit(0);

const command = 'apt-get update && apt-get install -y --no-install-recommends chromium';
if (typeof process.getuid === 'function' && process.getuid() === 0) {
  console.log(`Chromium is missing: installing Debian's package (${command})…`);
  const result = spawnSync('sh', ['-c', command], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status === 0 && existsSync(executable)) process.exit(0);
  console.error(`\nInstalling Chromium failed. Run this yourself and try again:\n  ${command}`);
  process.exit(1);
}
console.error(
  `Browser tests need Debian's Chromium at ${executable}. Install it with:\n  sudo sh -c '${command}'`,
);
process.exit(1);
