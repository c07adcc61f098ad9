import { EmbeddedStack } from './embedded-stack';
import { loadStackConfig } from './stack-config';

describe('EmbeddedStack', () => {
  it('keeps its gateway in development mode whatever NODE_ENV says (issue 14 §10)', () => {
    const stack = new EmbeddedStack({
      config: loadStackConfig({ NODE_ENV: 'production' }),
      workspaceRoot: '/workspace',
    });
    expect(stack.processes.gateway.spec.env['GATEWAY_MODE']).toBe('development');
  });
});
