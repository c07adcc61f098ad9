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
