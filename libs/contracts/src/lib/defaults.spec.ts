import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PORTS, PUENTE_VERSION } from './defaults';

describe('defaults', () => {
  it('reports the version the root package.json declares', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as {
      version: string;
    };
    expect(PUENTE_VERSION).toBe(pkg.version);
  });

  it('gives each service its own port', () => {
    const ports = Object.values(DEFAULT_PORTS);
    expect(new Set(ports).size).toBe(ports.length);
  });
});
