import { z } from 'zod';
import {
  boolVar,
  ConfigError,
  describeEnv,
  envVar,
  loadEnv,
  portVar,
  undocumentedVariables,
  urlVar,
} from './env';

const spec = {
  GATEWAY_PORT: portVar(3000, 'HTTP port of the gateway'),
  DIALER_URL: urlVar('http://127.0.0.1:7001', 'Base URL of the dialer webservice'),
  VERBOSE: boolVar(false, 'Log more'),
  SF_CLIENT_SECRET: envVar(z.string().min(8, 'must be at least 8 characters'), 'Salesforce secret', {
    secret: true,
  }),
};

describe('loadEnv', () => {
  it('applies defaults and parses values', () => {
    const env = loadEnv(spec, {
      SF_CLIENT_SECRET: 'abcdefgh',
      VERBOSE: 'yes',
      DIALER_URL: 'https://dialer.example.com/ws/',
    });
    expect(env).toEqual({
      GATEWAY_PORT: 3000,
      DIALER_URL: 'https://dialer.example.com/ws',
      VERBOSE: true,
      SF_CLIENT_SECRET: 'abcdefgh',
    });
  });

  it('treats empty strings as unset', () => {
    expect(loadEnv(spec, { GATEWAY_PORT: '', SF_CLIENT_SECRET: 'abcdefgh' }).GATEWAY_PORT).toBe(3000);
  });

  it('names every bad variable and hides secret values', () => {
    let error: unknown;
    try {
      loadEnv(spec, { GATEWAY_PORT: 'abc', DIALER_URL: 'ftp://x', SF_CLIENT_SECRET: 'short' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues;
    expect(issues.map((i) => i.variable)).toEqual(['GATEWAY_PORT', 'DIALER_URL', 'SF_CLIENT_SECRET']);
    expect(issues[0].message).toContain('"abc"');
    expect((error as Error).message).toContain('GATEWAY_PORT');
    expect((error as Error).message).not.toContain('short');
  });

  it('rejects ports out of range', () => {
    expect(() => loadEnv(spec, { GATEWAY_PORT: '70000', SF_CLIENT_SECRET: 'abcdefgh' })).toThrow(
      /between 1 and 65535/,
    );
  });

  it('describes variables for the docs without revealing secrets', () => {
    const table = describeEnv(spec);
    expect(table).toContain('| `GATEWAY_PORT` | `3000` |');
    expect(table).toContain('| `SF_CLIENT_SECRET` | (secret) |');
  });
});

describe('undocumentedVariables', () => {
  it('finds rows missing from a document, whatever the table padding', () => {
    const doc = [
      '| Variable       | Default | Meaning |',
      '| --- | --- | --- |',
      '| `GATEWAY_PORT` | `3000`  | HTTP port of the gateway |',
    ].join('\n');
    expect(undocumentedVariables({ GATEWAY_PORT: spec.GATEWAY_PORT }, doc)).toEqual([]);
    expect(undocumentedVariables({ VERBOSE: spec.VERBOSE }, doc)).toEqual([
      '| `VERBOSE` | `false` | Log more |',
    ]);
  });
});
