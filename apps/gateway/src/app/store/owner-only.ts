import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

/**
 * The gateway's state holds secrets (the token signing key, dialer tokens,
 * refresh-token hashes): its folder and files are for the gateway's own user
 * only, also when an older version left them readable by others.
 */
export function ownerOnlyFolder(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
}

/** Creates `path` 0600 when missing (before anything writes to it), else tightens it. */
export function ownerOnlyFile(path: string): void {
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}

/** Tightens each of `paths` that exists (SQLite's -wal and -shm come and go with the connection). */
export function tightenIfPresent(paths: readonly string[]): void {
  for (const path of paths) if (existsSync(path)) chmodSync(path, 0o600);
}
