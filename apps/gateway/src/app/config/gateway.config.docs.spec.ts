import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { undocumentedVariables } from '@puente/server-kit';
import { gatewayEnv } from './gateway.config';

describe('docs/configuration.md', () => {
  it('documents every variable of gateway with its current default', () => {
    const docs = readFileSync(join(__dirname, '../../../../../docs/configuration.md'), 'utf8');
    expect(undocumentedVariables(gatewayEnv, docs)).toEqual([]);
  });
});
