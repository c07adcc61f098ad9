import { loadRuntimeConfig } from './runtime-config';

const here = { search: '', protocol: 'http:', hostname: '127.0.0.1' };
const at = (search: string) => ({ ...here, search });
const served = (body: unknown) => async () => body;
const missing = async () => {
  throw new Error('404');
};

describe('loadRuntimeConfig: the gateways the panel may use', () => {
  const file = { gatewayUrls: ['https://gw.acme.test/', 'https://gw2.acme.test:8443/cti'] };

  it('uses the first listed gateway by default and lists the origins of all of them', async () => {
    const config = await loadRuntimeConfig(here, served(file));
    expect(config.gatewayUrl).toBe('https://gw.acme.test');
    expect(config.gatewayOrigins).toEqual(['https://gw.acme.test', 'https://gw2.acme.test:8443']);
    expect(config.refusedGateway).toBeUndefined();
  });

  it('honours ?gateway= naming a listed gateway, by URL or by origin (the listed URL is used)', async () => {
    const exact = await loadRuntimeConfig(at('?gateway=https://gw2.acme.test:8443/cti/'), served(file));
    expect(exact.gatewayUrl).toBe('https://gw2.acme.test:8443/cti');
    const byOrigin = await loadRuntimeConfig(at('?gateway=https://gw2.acme.test:8443'), served(file));
    expect(byOrigin.gatewayUrl).toBe('https://gw2.acme.test:8443/cti');
    expect(byOrigin.refusedGateway).toBeUndefined();
  });

  it('ignores ?gateway= off the list, says which, and uses the default', async () => {
    for (const evil of [
      'http://attacker.test:8080/',
      'https://gw.acme.test.attacker.test',
      'http://gw.acme.test', // another scheme is another origin
      'https://gw.acme.test:444',
    ]) {
      const config = await loadRuntimeConfig(at(`?gateway=${encodeURIComponent(evil)}`), served(file));
      expect(config.gatewayUrl).toBe('https://gw.acme.test');
      expect(config.refusedGateway).toBe(new URL(evil).origin);
      expect(config.gatewayOrigins).not.toContain(new URL(evil).origin);
    }
  });

  it('refuses values that are not http(s) URLs', async () => {
    for (const bad of ['javascript:alert(1)', 'ws://gw.acme.test', 'gw.acme.test', '//gw.acme.test']) {
      const config = await loadRuntimeConfig(at(`?gateway=${encodeURIComponent(bad)}`), served(file));
      expect(config.gatewayUrl).toBe('https://gw.acme.test');
      expect(config.refusedGateway).toBeTruthy();
    }
  });

  it('keeps the older single gatewayUrl working, as the default and on the list', async () => {
    const single = await loadRuntimeConfig(here, served({ gatewayUrl: 'http://10.0.0.5:3000/' }));
    expect(single).toMatchObject({
      gatewayUrl: 'http://10.0.0.5:3000',
      gatewayOrigins: ['http://10.0.0.5:3000'],
    });
    const both = await loadRuntimeConfig(
      at('?gateway=https://gw.acme.test'),
      served({ gatewayUrl: 'http://10.0.0.5:3000', ...file }),
    );
    expect(both.gatewayUrl).toBe('https://gw.acme.test');
    expect(both.gatewayOrigins).toEqual([
      'http://10.0.0.5:3000',
      'https://gw.acme.test',
      'https://gw2.acme.test:8443',
    ]);
  });

  it('without a readable config.json, uses only the default port on its own host, never the query', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const fetchConfig of [
      missing,
      served({ gatewayUrl: null }),
      served('<html>'),
      served({ gatewayUrls: ['nope'] }),
    ]) {
      const config = await loadRuntimeConfig(at('?gateway=http://attacker.test:3000'), fetchConfig);
      expect(config.gatewayUrl).toBe('http://127.0.0.1:3000');
      expect(config.gatewayOrigins).toEqual(['http://127.0.0.1:3000']);
      expect(config.refusedGateway).toBe('http://attacker.test:3000');
    }
    // A file that is there but wrong is worth a line in the console; a missing one is not.
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });

  it('with no ?gateway= and no file, the default on its own host, nothing refused', async () => {
    const config = await loadRuntimeConfig(here, missing);
    expect(config).toMatchObject({
      gatewayUrl: 'http://127.0.0.1:3000',
      gatewayOrigins: ['http://127.0.0.1:3000'],
    });
    expect(config.refusedGateway).toBeUndefined();
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
