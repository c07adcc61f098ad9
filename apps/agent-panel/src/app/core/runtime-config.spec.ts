import { loadRuntimeConfig } from './runtime-config';

const here = { search: '', protocol: 'http:', hostname: '127.0.0.1' };

describe('loadRuntimeConfig', () => {
  it('prefers ?gateway= on the URL', async () => {
    const config = await loadRuntimeConfig(
      { ...here, search: '?gateway=https://gw.example.com/' },
      async () => ({}),
    );
    expect(config.gatewayUrl).toBe('https://gw.example.com');
  });

  it('then config.json', async () => {
    const config = await loadRuntimeConfig(here, async () => ({ gatewayUrl: 'http://10.0.0.5:3000' }));
    expect(config.gatewayUrl).toBe('http://10.0.0.5:3000');
  });

  it('falls back to the default port on this host when config.json is missing or empty', async () => {
    expect((await loadRuntimeConfig(here, async () => ({ gatewayUrl: null }))).gatewayUrl).toBe(
      'http://127.0.0.1:3000',
    );
    const failing = async () => {
      throw new Error('404');
    };
    expect((await loadRuntimeConfig(here, failing)).gatewayUrl).toBe('http://127.0.0.1:3000');
  });
});

describe('loadRuntimeConfig: Open CTI hosts', () => {
  it('reads the extra trusted Open CTI origins from config.json', async () => {
    const config = await loadRuntimeConfig(here, async () => ({
      gatewayUrl: null,
      openCtiOrigins: ['https://console.acme.test/'],
    }));
    expect(config.openCtiOrigins).toEqual(['https://console.acme.test']);
  });
});
