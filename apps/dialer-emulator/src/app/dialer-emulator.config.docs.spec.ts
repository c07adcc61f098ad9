import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { undocumentedVariables } from '@puente/server-kit';
import { dialerCliEnv, dialerEmulatorEnv } from './dialer-emulator.config';

describe('docs/configuration.md', () => {
  it('documents every variable of dialer-emulator with its current default', () => {
    const docs = readFileSync(join(__dirname, '../../../../docs/configuration.md'), 'utf8');
    expect(undocumentedVariables({ ...dialerEmulatorEnv, ...dialerCliEnv }, docs)).toEqual([]);
  });
});
