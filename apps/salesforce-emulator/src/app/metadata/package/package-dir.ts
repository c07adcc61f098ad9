import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const MARKER = 'sfdx-project.json';

/** The folders holding the DX package, nearest first: beside the build (copied as an asset), then the repository's. */
function candidates(): string[] {
  const found: string[] = [];
  const starts = [__dirname, process.argv[1] ? dirname(resolve(process.argv[1])) : null, process.cwd()];
  for (const start of starts) {
    if (!start) continue;
    for (let dir = start; ; dir = dirname(dir)) {
      found.push(join(dir, 'salesforce'));
      if (dirname(dir) === dir) break;
    }
  }
  return found;
}

/**
 * Where Puente's Salesforce DX package is (salesforce/ at the repository's
 * root, or salesforce/ beside the built main.js, where the build copies it):
 * the org builds its custom fields and objects from it, so the local org and
 * the package an administrator deploys cannot drift (issue 17 §1).
 */
export function findPackageDir(setting = 'auto'): string {
  if (setting !== 'auto') {
    const dir = resolve(setting);
    if (!existsSync(join(dir, MARKER)))
      throw new Error(`SALESFORCE_EMULATOR_PACKAGE_DIR: ${dir} holds no ${MARKER} (a Salesforce DX project)`);
    return dir;
  }
  const dir = candidates().find((d) => existsSync(join(d, MARKER)));
  if (!dir)
    throw new Error(
      `cannot find Puente's Salesforce package (salesforce/${MARKER}) beside the emulator or above ${process.cwd()}; set SALESFORCE_EMULATOR_PACKAGE_DIR`,
    );
  return dir;
}
