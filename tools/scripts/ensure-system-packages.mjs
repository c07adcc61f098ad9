#!/usr/bin/env node
// What `npm test` needs from Debian besides Node (no browser downloads on this network):
// Chromium for the browser tests, redis-server for the cluster tests (they start their own on
// a free port), nginx for the check of the docker image's nginx.conf. As root, install what is
// missing; otherwise stop with the exact command to run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const needs = [
  { pkg: 'chromium', file: process.env.CHROMIUM_PATH || '/usr/bin/chromium' },
  { pkg: 'redis-server', file: '/usr/bin/redis-server' },
  { pkg: 'nginx-light', file: '/usr/sbin/nginx' },
];
const missing = needs.filter((n) => !existsSync(n.file));
if (missing.length === 0) process.exit(0);

const packages = missing.map((n) => n.pkg).join(' ');
const command = `apt-get update && apt-get install -y --no-install-recommends ${packages}`;
if (typeof process.getuid === 'function' && process.getuid() === 0) {
  console.log(`Missing Debian packages: installing ${packages} (${command})…`);
  const result = spawnSync('sh', ['-c', command], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status === 0 && missing.every((n) => existsSync(n.file))) process.exit(0);
  console.error(`\nInstalling ${packages} failed. Run this yourself and try again:\n  ${command}`);
  process.exit(1);
}
console.error(`The tests need Debian's ${packages}. Install them with:\n  sudo sh -c '${command}'`);
process.exit(1);
