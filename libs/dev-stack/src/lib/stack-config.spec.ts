import { ConfigError } from '@puente/server-kit';
import { loadStackConfig } from './stack-config';

describe('PANEL_GATEWAY_URLS (issue 14 §2)', () => {
  it('is empty by default: the served panel may use the stack’s own gateway only', () => {
    expect(loadStackConfig({}).PANEL_GATEWAY_URLS).toEqual([]);
  });

  it('reads further gateways, comma-separated, without trailing slashes', () => {
    expect(
      loadStackConfig({ PANEL_GATEWAY_URLS: ' https://gw2.example.com/ ,http://127.0.0.1:4000,' })
        .PANEL_GATEWAY_URLS,
    ).toEqual(['https://gw2.example.com', 'http://127.0.0.1:4000']);
  });

  it('refuses anything that is not an http(s) URL, naming the variable', () => {
    expect(() =>
      loadStackConfig({ PANEL_GATEWAY_URLS: 'https://ok.example.com,javascript:alert(1)' }),
    ).toThrow(ConfigError);
    expect(() => loadStackConfig({ PANEL_GATEWAY_URLS: 'gw.example.com' })).toThrow(/PANEL_GATEWAY_URLS/);
  });
});
