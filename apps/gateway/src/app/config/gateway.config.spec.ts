import { ConfigError } from '@puente/server-kit';
import { loadGatewayConfig } from './gateway.config';
import { isProduction, servesApiDocs, servesMetrics } from './production';

describe('gateway configuration', () => {
  it('defaults to the embedded stack', () => {
    const config = loadGatewayConfig({});
    expect(config).toMatchObject({
      GATEWAY_PORT: 3000,
      DIALER_URL: 'http://127.0.0.1:7001',
      SALESFORCE_URL: 'http://127.0.0.1:7002',
    });
    expect(config.CORS_ORIGINS).toContain('http://localhost:4200');
  });

  it('stops with a message naming each bad variable', () => {
    expect(() => loadGatewayConfig({ GATEWAY_PORT: '0', CORS_ORIGINS: 'not a url' })).toThrow(ConfigError);
    try {
      loadGatewayConfig({ GATEWAY_PORT: '0', CORS_ORIGINS: 'not a url' });
    } catch (e) {
      expect((e as ConfigError).issues.map((i) => i.variable)).toEqual(['GATEWAY_PORT', 'CORS_ORIGINS']);
    }
  });

  it('accepts a list of origins', () => {
    expect(
      loadGatewayConfig({ CORS_ORIGINS: 'https://a.example.com, https://b.example.com' }).CORS_ORIGINS,
    ).toEqual(['https://a.example.com', 'https://b.example.com']);
  });
});

describe('access-token keys in the configuration (issue 14 §11)', () => {
  const secret = (c: string) => c.repeat(32);

  it('reads kid:secret pairs in order, the first being the signing key', () => {
    const config = loadGatewayConfig({ GATEWAY_TOKEN_SECRETS: `new:${secret('n')}, old:${secret('o')}` });
    expect(config.GATEWAY_TOKEN_SECRETS).toEqual([
      { kid: 'new', secret: secret('n') },
      { kid: 'old', secret: secret('o') },
    ]);
  });

  it.each([
    ['a short secret', `k1:${'x'.repeat(31)}`],
    ['no key id', `:${secret('x')}`],
    ['a key id with odd characters', `k 1:${secret('x')}`],
    ['a key id twice', `k1:${secret('x')},k1:${secret('y')}`],
  ])('refuses %s without showing the secret', (_label, value) => {
    try {
      loadGatewayConfig({ GATEWAY_TOKEN_SECRETS: value });
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).issues.map((i) => i.variable)).toEqual(['GATEWAY_TOKEN_SECRETS']);
      expect((e as ConfigError).message).not.toContain('xxxxxxxx');
    }
  });

  it('refuses GATEWAY_TOKEN_SECRET and GATEWAY_TOKEN_SECRETS together', () => {
    expect(() =>
      loadGatewayConfig({ GATEWAY_TOKEN_SECRET: secret('a'), GATEWAY_TOKEN_SECRETS: `k:${secret('b')}` }),
    ).toThrow(/not both/);
  });
});

describe('production mode (issue 14 §10)', () => {
  const ready = {
    NODE_ENV: 'production',
    GATEWAY_TOKEN_SECRETS: `k1:${'s'.repeat(40)}`,
    SALESFORCE_CLIENT_ID: '3MVG9-org-consumer-key',
    SALESFORCE_CLIENT_SECRET: 'org-consumer-secret',
  };
  const refusal = (env: Record<string, string>): ConfigError => {
    try {
      loadGatewayConfig(env);
    } catch (e) {
      if (e instanceof ConfigError) return e;
      throw e;
    }
    throw new Error('started');
  };

  it('starts with real settings, and serves neither /metrics nor /api/docs unless asked to', () => {
    const config = loadGatewayConfig(ready);
    expect(isProduction(config)).toBe(true);
    expect(servesMetrics(config)).toBe(false);
    expect(servesApiDocs(config)).toBe(false);
    const asked = loadGatewayConfig({ ...ready, METRICS_ENABLED: 'true', API_DOCS_ENABLED: 'true' });
    expect([servesMetrics(asked), servesApiDocs(asked)]).toEqual([true, true]);
  });

  it('is off with no setting (npm start, tests), where /metrics and /api/docs are served', () => {
    const config = loadGatewayConfig({});
    expect(isProduction(config)).toBe(false);
    expect([servesMetrics(config), servesApiDocs(config)]).toEqual([true, true]);
    expect(isProduction(loadGatewayConfig({ GATEWAY_MODE: 'production', ...ready, NODE_ENV: '' }))).toBe(
      true,
    );
    expect(isProduction(loadGatewayConfig({ NODE_ENV: 'production', GATEWAY_MODE: 'development' }))).toBe(
      false,
    );
  });

  it('refuses the demo defaults, naming every offending setting on the first line', () => {
    const error = refusal({ NODE_ENV: 'production' });
    expect(error.issues.map((i) => i.variable)).toEqual([
      'SALESFORCE_CLIENT_ID',
      'SALESFORCE_CLIENT_SECRET',
      'GATEWAY_TOKEN_SECRETS',
    ]);
    expect(error.message.split('\n')[0]).toBe(
      'Production mode (NODE_ENV=production) refuses to start with: SALESFORCE_CLIENT_ID, SALESFORCE_CLIENT_SECRET, GATEWAY_TOKEN_SECRETS',
    );
    expect(error.message).not.toContain('puente-demo-secret');
  });

  it('refuses * among the CORS origins, and IVR keys without an IVR address list', () => {
    const error = refusal({
      ...ready,
      CORS_ORIGINS: 'https://org.lightning.force.com,*',
      IVR_KEYS: `ivr1:${'k'.repeat(20)}`,
    });
    expect(error.issues.map((i) => i.variable)).toEqual(['CORS_ORIGINS', 'IVR_ALLOWED_IPS']);
    expect(() =>
      loadGatewayConfig({ ...ready, IVR_KEYS: `ivr1:${'k'.repeat(20)}`, IVR_ALLOWED_IPS: '10.1.2.0/24' }),
    ).not.toThrow();
  });

  it('accepts GATEWAY_TOKEN_SECRET as the key, and the JWT flow without a client secret', () => {
    const { GATEWAY_TOKEN_SECRETS: _keys, SALESFORCE_CLIENT_SECRET: _secret, ...rest } = ready;
    expect(() =>
      loadGatewayConfig({ ...rest, GATEWAY_TOKEN_SECRET: 'x'.repeat(32), SALESFORCE_AUTH: 'jwt' }),
    ).not.toThrow();
  });

  it('takes a separate metrics port', () => {
    expect(loadGatewayConfig({}).METRICS_PORT).toBe(0);
    expect(loadGatewayConfig({ METRICS_PORT: '9464' }).METRICS_PORT).toBe(9464);
    expect(() => loadGatewayConfig({ METRICS_PORT: '70000' })).toThrow(ConfigError);
  });
});
