import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The app's sources outside dialer/ (tests and their fixtures aside: they may script the NeoApi wire). */
function sourcesOutsideDialer(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory())
      return path === join(__dirname, 'dialer') ? [] : sourcesOutsideDialer(path);
    return /\.ts$/.test(name) && !/\.(spec|fixture)\.ts$/.test(name) ? [path] : [];
  });
}

// Issue 18 §1: the Dialer port speaks Puente's terms; NeoApi is one adapter (dialer/neoapi/), so a second
// dialer brand would be one more adapter, not edits in every folder.
describe('the dialer boundary', () => {
  it('nothing outside dialer/ imports @puente/neoapi', () => {
    const files = sourcesOutsideDialer(__dirname);
    expect(files.length).toBeGreaterThan(50);
    const leaks = files
      .filter((file) => /from '@puente\/neoapi(\/[^']*)?'/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(__dirname, file));
    expect(leaks).toEqual([]);
  });

  it('only the NeoApi adapter folder imports it inside dialer/', () => {
    const dialer = join(__dirname, 'dialer');
    const outsideAdapter = readdirSync(dialer)
      .filter((name) => name.endsWith('.ts'))
      .filter((name) => /from '@puente\/neoapi/.test(readFileSync(join(dialer, name), 'utf8')));
    expect(outsideAdapter).toEqual([]);
  });
});
