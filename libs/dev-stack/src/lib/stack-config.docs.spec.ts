import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { undocumentedVariables } from '@puente/server-kit';
import { stackEnv } from './stack-config';

describe('docs/configuration.md', () => {
  it('documents every variable of the embedded stack with its current default', () => {
    const docs = readFileSync(join(__dirname, '../../../../docs/configuration.md'), 'utf8');
    expect(undocumentedVariables(stackEnv, docs)).toEqual([]);
  });
});
