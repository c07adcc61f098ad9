import { ConfigError } from '@puente/server-kit';
import { panelContentSecurityPolicy } from './panel-csp';
import { loadStackConfig, panelFrameAncestors } from './stack-config';

describe("the panel's CSP and who may frame the panel (issue 14 §7)", () => {
  it('lets the embedded console frame it by default, under both of its names', () => {
    const config = loadStackConfig({ SALESFORCE_EMULATOR_PORT: '17002' });
    expect(panelFrameAncestors(config)).toEqual(['http://127.0.0.1:17002', 'http://localhost:17002']);
  });

  it('takes configured origins instead, wildcards included', () => {
    const config = loadStackConfig({
      PANEL_FRAME_ANCESTORS: 'https://acme.lightning.force.com/, https://*.my.salesforce.com',
    });
    expect(panelFrameAncestors(config)).toEqual([
      'https://acme.lightning.force.com',
      'https://*.my.salesforce.com',
    ]);
  });

  it.each([
    "https://ok.example; script-src 'unsafe-inline'",
    '*',
    "'none'",
    'javascript:alert(1)',
    'https://a b',
  ])('refuses %j at start: nothing may be smuggled into the policy', (value) => {
    expect(() => loadStackConfig({ PANEL_FRAME_ANCESTORS: value })).toThrow(ConfigError);
    expect(() =>
      panelContentSecurityPolicy({ gatewayUrls: ['http://127.0.0.1:3000'], frameAncestors: [value] }),
    ).toThrow(/not an origin/);
  });

  it('lets the panel reach its gateways over HTTP and WebSocket, secure ones over wss:', () => {
    const policy = panelContentSecurityPolicy({
      gatewayUrls: ['https://cti.acme.com/', 'http://127.0.0.1:3000'],
      frameAncestors: ['https://acme.lightning.force.com'],
    });
    expect(policy).toContain(
      "connect-src 'self' https://cti.acme.com http://127.0.0.1:3000 wss://cti.acme.com ws://127.0.0.1:3000",
    );
    expect(policy).toContain("frame-ancestors 'self' https://acme.lightning.force.com");
    expect(policy).toContain("script-src 'self' https://acme.lightning.force.com");
    expect(policy).not.toMatch(/unsafe-eval/);
  });
});
