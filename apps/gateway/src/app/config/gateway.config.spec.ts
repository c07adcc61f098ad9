import { ConfigError } from '@puente/server-kit';
import { loadGatewayConfig } from './gateway.config';

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
